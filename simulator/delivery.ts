// How a reply goes onto the wire: a JSON body, or server-sent events ending in `data: [DONE]` — and the two broken
// ways a fault delivers it (the connection dropped part way, or a stream that stalls).
import type { ServerResponse } from 'node:http';
import type { ErrorReply } from './errors';

/** A successful reply: one JSON body, or the events of a stream in order. */
export type SuccessReply = { status: 200; body: object } | { events: readonly object[] };
export type Reply = ErrorReply | SuccessReply;

/** `normal`; `drop`: a few events (or none for a JSON reply), then the socket is destroyed; `stall`: a few events
 * (or none), then nothing until the client goes away or the simulator closes. */
export type Delivery = 'normal' | 'drop' | 'stall';

/** Events sent before a dropped stream breaks: the role chunk and the first two words. */
export const EVENTS_BEFORE_DROP = 3;
/** Events sent before a stream stalls: the role chunk and the first word. */
export const EVENTS_BEFORE_STALL = 2;

export function send(response: ServerResponse, reply: Reply, delivery: Delivery): void {
  if ('events' in reply) {
    sendEvents(response, reply.events, delivery);
    return;
  }
  if (delivery === 'drop') {
    response.socket?.destroy();
    return;
  }
  // A stalled JSON reply sends nothing at all; the client's abort or the simulator's close ends it.
  if (delivery === 'stall') return;
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...('headers' in reply ? reply.headers : {}),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendEvents(response: ServerResponse, events: readonly object[], delivery: Delivery): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const count = delivery === 'drop' ? EVENTS_BEFORE_DROP : delivery === 'stall' ? EVENTS_BEFORE_STALL : events.length;
  const sent = events.slice(0, count);
  // Each event is its own write, so a client sees them arrive as separate chunks, as from a real server.
  sent.forEach((event, index) => {
    const last = index === sent.length - 1;
    // A drop destroys the socket only once the events before it were handed to it, so the client reads them first.
    const afterWrite = last && delivery === 'drop' ? () => response.socket?.destroy() : undefined;
    response.write(`data: ${JSON.stringify(event)}\n\n`, afterWrite);
  });
  if (delivery === 'normal') response.end('data: [DONE]\n\n');
}
