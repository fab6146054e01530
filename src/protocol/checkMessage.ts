import type { EventMap, FromWebview, RequestMap } from './envelope';
import { isIndex, isPlainObject, type Guard } from './guards';

/** A guard for the params of each request method of a panel. */
export type RequestGuards<R extends RequestMap> = { readonly [M in keyof R & string]: Guard<R[M]['params']> };
/** A guard for the payload of each event a panel's webview may send. */
export type EventGuards<E extends EventMap> = { readonly [K in keyof E & string]: Guard<E[K]> };

/** What a webview of a panel may send, checkable at run time: one guard per request method and per event. */
export interface WebviewProtocol<R extends RequestMap, E extends EventMap> {
  readonly requests: RequestGuards<R>;
  readonly events: EventGuards<E>;
}

/** A checked message, or why it was dropped (short, and never quoting the message's content). */
export type CheckedMessage<R extends RequestMap, E extends EventMap> =
  { ok: true; message: FromWebview<R, E> } | { ok: false; reason: string };

/** The keys each envelope type has: exactly these, so a message of another protocol version is not half-understood. */
const envelopeKeys: Record<string, readonly string[]> = {
  ready: ['type'],
  request: ['type', 'id', 'method', 'params'],
  cancel: ['type', 'id'],
  event: ['type', 'name', 'payload'],
};

/**
 * Checks a message from a webview against its panel's protocol. Never throws, whatever the input (a guard that throws
 * counts as a failed check). Reasons name the envelope type and a known method or event, never a value the webview
 * chose, so a log line cannot be filled with its content.
 */
export function checkWebviewMessage<R extends RequestMap, E extends EventMap>(
  value: unknown,
  protocol: WebviewProtocol<R, E>,
): CheckedMessage<R, E> {
  try {
    return check(value, protocol);
  } catch {
    return { ok: false, reason: 'a guard failed on it' };
  }
}

function check<R extends RequestMap, E extends EventMap>(
  value: unknown,
  protocol: WebviewProtocol<R, E>,
): CheckedMessage<R, E> {
  if (!isPlainObject(value)) return { ok: false, reason: 'not a plain object' };
  const type = value.type;
  if (typeof type !== 'string' || !Object.hasOwn(envelopeKeys, type)) return { ok: false, reason: 'unknown type' };
  const allowed = envelopeKeys[type]!;
  const keys = Object.keys(value);
  if (keys.some((key) => !allowed.includes(key)) || allowed.some((key) => key !== 'params' && !keys.includes(key)))
    return { ok: false, reason: `${type} with missing or unexpected fields` };
  if ((type === 'request' || type === 'cancel') && !isIndex(value.id))
    return { ok: false, reason: `${type} id is not a non-negative integer` };
  if (type === 'request') {
    const method = value.method;
    if (typeof method !== 'string' || !Object.hasOwn(protocol.requests, method))
      return { ok: false, reason: 'request for an unknown method' };
    const guard = protocol.requests[method as keyof R & string] as Guard<unknown>;
    if (!guard(value.params)) return { ok: false, reason: `request ${method} with malformed params` };
  }
  if (type === 'event') {
    const name = value.name;
    if (typeof name !== 'string' || !Object.hasOwn(protocol.events, name))
      return { ok: false, reason: 'event of an unknown name' };
    const guard = protocol.events[name as keyof E & string] as Guard<unknown>;
    if (!guard(value.payload)) return { ok: false, reason: `event ${name} with a malformed payload` };
  }
  return { ok: true, message: value as FromWebview<R, E> };
}
