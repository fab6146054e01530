/**
 * The envelope every host <-> webview message travels in. Each panel defines its own maps of requests (webview asks,
 * host answers), host events and webview events; these generic types turn the maps into discriminated unions, so
 * both sides switch on `type` / `method` with full typing.
 *
 * A request is answered by zero or more `stream` messages (for methods whose map entry has a `chunk` type) and then
 * exactly one `response` with the same id. The webview may `cancel` a request by id; the host then aborts the
 * handler's AbortSignal and the response says `cancelled`. (The shape of vscode-hexeditor's shared/protocol.ts.)
 */

/** A map of request method -> its params, its result and, for a request that streams, the type of each chunk. */
export type RequestMap = Record<string, { params: unknown; result: unknown; chunk?: unknown }>;
/** A map of event name -> its payload. */
export type EventMap = Record<string, unknown>;

/** The chunk type a request method streams (never for one that does not stream). */
export type ChunkOf<R extends RequestMap, M extends keyof R> = R[M] extends { chunk: infer C } ? C : never;

/** A request from the webview; the host answers with stream messages, then a response, all carrying the same id. */
export type RequestMessage<R extends RequestMap> = {
  [M in keyof R & string]: { type: 'request'; id: number; method: M; params: R[M]['params'] };
}[keyof R & string];

/** One piece of a streaming request's output, in order, before its response. */
export interface StreamMessage {
  type: 'stream';
  id: number;
  chunk: unknown;
}

/** The webview no longer wants a request's result. */
export interface CancelMessage {
  type: 'cancel';
  id: number;
}

/** The host's answer to a request, always the last message for its id. */
export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string; cancelled?: true };

/** A one-way message. */
export type EventMessage<E extends EventMap> = {
  [K in keyof E & string]: { type: 'event'; name: K; payload: E[K] };
}[keyof E & string];

/** Sent once by the webview when its listener is attached; the host holds everything until then. */
export interface ReadyMessage {
  type: 'ready';
}

/** Everything a webview can post. */
export type FromWebview<R extends RequestMap, E extends EventMap> =
  ReadyMessage | RequestMessage<R> | CancelMessage | EventMessage<E>;
/** Everything the host can post. */
export type FromHost<E extends EventMap> = ResponseMessage | StreamMessage | EventMessage<E>;

/** Narrows unknown input from postMessage to an envelope; anything else is ignored by both sides. */
export function isEnvelope(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
