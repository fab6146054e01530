// How a reply goes onto the wire: a JSON body, or server-sent events ending in `data: [DONE]` — and the two broken
// ways a fault delivers it (the connection dropped part way, or a stream that stalls).
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ErrorReply } from './errors';

/** A successful reply: one JSON body, the events of a stream in order, or raw bytes (a file's content). */
export type SuccessReply =
  | { status: 200; body: object }
  | { events: readonly object[] }
  | { status: 200; bytes: Readable; contentType: string; length: number };
export type Reply = ErrorReply | SuccessReply;

/** `normal`; `drop`: a few events (or none for a JSON reply), then the socket is destroyed; `stall`: a few events
 * (or none), then nothing until the client goes away or the simulator closes. */
export type Delivery = 'normal' | 'drop' | 'stall';

/** Events sent before a dropped stream breaks (chat: the role chunk and two words; completions: three words). */
export const EVENTS_BEFORE_DROP = 3;
/** Events sent before a stream stalls (chat: the role chunk and the first word; completions: two words). */
export const EVENTS_BEFORE_STALL = 2;

/**
 * `chunksPerSecond` paces a stream (e.g. 2,000 for a benchmark's tokens per second, 30 to watch a reply grow);
 * absent, every event is written at once.
 */
export function send(response: ServerResponse, reply: Reply, delivery: Delivery, chunksPerSecond?: number): void {
  if ('events' in reply) {
    sendEvents(response, reply.events, delivery, chunksPerSecond);
    return;
  }
  if ('bytes' in reply) {
    response.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.length });
    reply.bytes.on('error', () => response.destroy());
    reply.bytes.pipe(response);
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

function sendEvents(
  response: ServerResponse,
  events: readonly object[],
  delivery: Delivery,
  chunksPerSecond: number | undefined,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const count = delivery === 'drop' ? EVENTS_BEFORE_DROP : delivery === 'stall' ? EVENTS_BEFORE_STALL : events.length;
  const sent = events.slice(0, count);
  // Each event is its own write, so a client sees them arrive as separate chunks, as from a real server.
  const write = (index: number): void => {
    const last = index === sent.length - 1;
    // A drop destroys the socket only once the events before it were handed to it, so the client reads them first.
    const afterWrite = last && delivery === 'drop' ? () => response.socket?.destroy() : undefined;
    response.write(`data: ${JSON.stringify(sent[index])}\n\n`, afterWrite);
  };
  const finish = (): void => {
    if (delivery === 'normal') response.end('data: [DONE]\n\n');
  };
  if (!chunksPerSecond) {
    for (let index = 0; index < sent.length; index++) write(index);
    finish();
    return;
  }
  // Paced: each tick writes every event due by now, so the rate holds even above the timers' 1 ms resolution.
  const start = performance.now();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const due = Math.min(sent.length, Math.floor(((performance.now() - start) * chunksPerSecond) / 1000) + 1);
    while (next < due) write(next++);
    if (next === sent.length) return finish();
    const wait = (next * 1000) / chunksPerSecond - (performance.now() - start);
    timer = setTimeout(tick, Math.max(1, wait));
  };
  // A client that goes away, or the simulator closing, ends the pacing with the connection.
  response.once('close', () => clearTimeout(timer));
  tick();
}
