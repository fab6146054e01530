import type OpenAI from 'openai';
import {
  buildChatRequest,
  streamReply,
  type ReplyEvent,
  type ReplyOptions,
  type ServerQuirks,
} from '../core/connections';
import type { RequestHandlers } from '../panels/webviewHost';
import type { ChatParams, PlaygroundRequests, ReplyChunk, ReplyEnd } from '../protocol/playground';
import { openWebLink, type LinkOpener } from '../panels/openWebLink';
import type { ModelCatalog } from './modelCatalog';

/** What the handlers need of the connection registry (the real one, or fakes in tests). */
export interface ChatBackend {
  clientFor(id: string): Promise<OpenAI>;
  /** The connection's live quirks object, which streamReply updates. */
  quirksFor(id: string): ServerQuirks;
  /** Persists the connection's quirks after the server rejected a parameter. */
  saveQuirks(id: string): Promise<void>;
}

export interface PlaygroundHandlerOptions {
  readonly backend: ChatBackend;
  readonly catalog: ModelCatalog;
  readonly links: LinkOpener;
  /** How long a stream may go without a chunk before it ends with a notice; streamReply's default when not set. */
  readonly stallTimeoutMs?: number;
}

/**
 * The host's side of the playground's requests. Pure of `vscode` (the panel passes the registry and VS Code's link
 * opener), so tests drive it directly. A failing reply throws ReplyError, whose message is describeError's (exact
 * URL, never a key); the WebviewHost sends that message to the webview.
 */
export function playgroundHandlers(options: PlaygroundHandlerOptions): RequestHandlers<PlaygroundRequests> {
  return {
    listModels: ({ refresh }, { signal }) => options.catalog.all({ refresh: refresh === true, signal }),
    chat: (params, { signal, stream }) => runChat(params, signal, stream, options),
    openLink: ({ url }) => openWebLink(url, options.links),
  };
}

async function runChat(
  params: ChatParams,
  signal: AbortSignal,
  stream: (chunk: ReplyChunk) => void,
  options: PlaygroundHandlerOptions,
): Promise<ReplyEnd> {
  const client = await options.backend.clientFor(params.connectionId);
  const request = {
    mode: 'chat',
    params: buildChatRequest({
      model: params.model,
      systemPrompt: params.systemPrompt,
      turns: params.turns,
      parameters: params.parameters,
    }),
  } as const;
  const replyOptions: ReplyOptions = { signal, quirks: options.backend.quirksFor(params.connectionId) };
  if (options.stallTimeoutMs !== undefined) replyOptions.stallTimeoutMs = options.stallTimeoutMs;
  for await (const event of streamReply(client, request, replyOptions)) {
    const end = await forward(event, params.connectionId, stream, options.backend);
    if (end) return end;
  }
  // streamReply always ends with done, stalled or aborted; a generator that stopped early is an incomplete reply.
  return { ended: 'done' };
}

async function forward(
  event: ReplyEvent,
  connectionId: string,
  stream: (chunk: ReplyChunk) => void,
  backend: ChatBackend,
): Promise<ReplyEnd | undefined> {
  switch (event.type) {
    case 'delta':
    case 'usage':
      stream(event);
      return undefined;
    case 'parameterDropped':
      await backend.saveQuirks(connectionId);
      stream({ type: 'notice', text: `The server rejected “${event.parameter}”; it was left out.` });
      return undefined;
    case 'done':
      return event.finishReason === undefined ? { ended: 'done' } : { ended: 'done', finishReason: event.finishReason };
    case 'stalled':
      return { ended: 'stalled', afterMs: event.afterMs };
    case 'aborted':
      return { ended: 'aborted' };
  }
}
