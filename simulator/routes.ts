// How the simulator's API areas (files, uploads, fine-tuning jobs) plug into the server: each area is a router that
// claims a method and path and says how it reads the request.
import type { IncomingMessage } from 'node:http';
import type { Reply } from './delivery';

export type Handler =
  /** The body is read whole (JSON, with the server's size limit) before `handle` runs. */
  | { kind: 'json'; handle(body: unknown, query: URLSearchParams): Reply | Promise<Reply> }
  /** `handle` streams the request itself (multipart uploads) and says what to record as its body. */
  | { kind: 'stream'; handle(request: IncomingMessage): Promise<{ reply: Reply; recorded: unknown }> };

/** The handler for a method and path (already without the Azure `/openai` prefix), or undefined. */
export type Router = (method: string, path: string) => Handler | undefined;

/** Matches `/v1/<prefix>/{id}<rest>` and gives the percent-decoded id (ids may contain `:`), else undefined. */
export function idIn(path: string, prefix: string, rest = ''): string | undefined {
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^/v1/${escaped(prefix)}/([^/]+)${escaped(rest)}$`).exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** A JSON handler. */
export function json(handle: (body: unknown, query: URLSearchParams) => Reply | Promise<Reply>): Handler {
  return { kind: 'json', handle };
}

export function ok(body: object): Reply {
  return { status: 200, body };
}
