/**
 * The envelope every host <-> webview message travels in. Each panel defines its own maps of requests (webview asks,
 * host answers), host events and webview events; these generic types turn the maps into discriminated unions, so
 * both sides switch on `type` / `method` with full typing.
 */

/** A map of request method -> its params and result. */
export type RequestMap = Record<string, { params: unknown; result: unknown }>;
/** A map of event name -> its payload. */
export type EventMap = Record<string, unknown>;

/** A request from the webview; the host answers with a response carrying the same id. */
export type RequestMessage<R extends RequestMap> = {
  [M in keyof R & string]: { type: 'request'; id: number; method: M; params: R[M]['params'] };
}[keyof R & string];

/** The host's answer to a request. */
export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

/** A one-way message. */
export type EventMessage<E extends EventMap> = {
  [K in keyof E & string]: { type: 'event'; name: K; payload: E[K] };
}[keyof E & string];

/** Sent once by the webview when its listener is attached; the host holds everything until then. */
export interface ReadyMessage {
  type: 'ready';
}

/** Everything a webview can post. */
export type FromWebview<R extends RequestMap, E extends EventMap> = ReadyMessage | RequestMessage<R> | EventMessage<E>;
/** Everything the host can post. */
export type FromHost<E extends EventMap> = ResponseMessage | EventMessage<E>;

/** Narrows unknown input from postMessage to an envelope; anything else is ignored by both sides. */
export function isEnvelope(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
