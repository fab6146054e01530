import * as assert from 'node:assert/strict';
import { CANCELLED, LOGGED_DROPS, WebviewHost, type RequestContext } from '../../../src/panels/webviewHost';
import { object, isString, isIndex } from '../../../src/protocol/guards';
import type { WebviewProtocol } from '../../../src/protocol/checkMessage';
import { deferred, FakeWebview, RecordingLogger } from './fakeWebview';

type Requests = {
  echo: { params: { text: string }; result: string };
  count: { params: { to: number }; result: 'done'; chunk: number };
  fail: { params: null; result: null };
};
type HostEvents = { status: { text: string } };
type WebviewEvents = { clicked: { line: number } };
const protocol: WebviewProtocol<Requests, WebviewEvents> = {
  requests: { echo: object({ text: isString }), count: object({ to: isIndex }), fail: (v): v is null => v === null },
  events: { clicked: object({ line: isIndex }) },
};

describe('WebviewHost: request, stream, cancel, dispose', () => {
  let webview: FakeWebview;
  let log: RecordingLogger;
  let gate: { promise: Promise<void>; resolve: () => void };
  let seen: RequestContext<number>[];
  let finished: Promise<void>[];
  let host: WebviewHost<Requests, HostEvents, WebviewEvents>;

  beforeEach(() => {
    webview = new FakeWebview();
    log = new RecordingLogger();
    gate = deferred();
    seen = [];
    finished = [];
    host = new WebviewHost<Requests, HostEvents, WebviewEvents>(
      webview,
      {
        echo: ({ text }) => text.toUpperCase(),
        // Streams 1..to, waiting for the test's gate before the last chunk.
        count: async ({ to }, context): Promise<'done'> => {
          seen.push(context);
          const end = deferred();
          finished.push(end.promise);
          for (let i = 1; i < to; i++) context.stream(i);
          await gate.promise;
          context.stream(to);
          end.resolve();
          return 'done';
        },
        fail: () => {
          throw new Error('no such thing');
        },
      },
      { protocol, log },
    );
  });
  afterEach(() => host.dispose());

  it('holds events until the webview is ready, then sends them in order', () => {
    host.post('status', { text: 'one' });
    host.post('status', { text: 'two' });
    assert.deepEqual(webview.posted, []);
    webview.deliver({ type: 'ready' });
    assert.deepEqual(webview.posted, [
      { type: 'event', name: 'status', payload: { text: 'one' } },
      { type: 'event', name: 'status', payload: { text: 'two' } },
    ]);
  });

  it('answers a request by id, and a failing handler with its message', async () => {
    webview.deliver({ type: 'ready' });
    webview.deliver({ type: 'request', id: 7, method: 'echo', params: { text: 'hi' } });
    webview.deliver({ type: 'request', id: 8, method: 'fail', params: null });
    assert.deepEqual(await webview.waitFor((m) => m.id === 7), { type: 'response', id: 7, ok: true, result: 'HI' });
    assert.deepEqual(await webview.waitFor((m) => m.id === 8), {
      type: 'response',
      id: 8,
      ok: false,
      error: 'no such thing',
    });
  });

  it('streams chunks in order, then one response', async () => {
    webview.deliver({ type: 'ready' });
    webview.deliver({ type: 'request', id: 1, method: 'count', params: { to: 3 } });
    gate.resolve();
    await webview.waitFor((m) => m.type === 'response');
    assert.deepEqual(webview.posted, [
      { type: 'stream', id: 1, chunk: 1 },
      { type: 'stream', id: 1, chunk: 2 },
      { type: 'stream', id: 1, chunk: 3 },
      { type: 'response', id: 1, ok: true, result: 'done' },
    ]);
  });

  it('aborts the handler signal on cancel, sends no chunk after it and answers cancelled', async () => {
    webview.deliver({ type: 'ready' });
    webview.deliver({ type: 'request', id: 1, method: 'count', params: { to: 3 } });
    webview.deliver({ type: 'request', id: 2, method: 'count', params: { to: 2 } });
    assert.equal(seen.length, 2);
    webview.deliver({ type: 'cancel', id: 1 });
    assert.equal(seen[0]!.signal.aborted, true);
    assert.equal(seen[1]!.signal.aborted, false, 'only the cancelled request is aborted');
    gate.resolve();
    const response = await webview.waitFor((m) => m.type === 'response' && m.id === 1);
    assert.deepEqual(response, { type: 'response', id: 1, ok: false, error: CANCELLED, cancelled: true });
    await webview.waitFor((m) => m.type === 'response' && m.id === 2);
    assert.deepEqual(
      webview.posted.filter((m) => m.id === 1 && m.type === 'stream').map((m) => m.chunk),
      [1, 2],
      'chunk 3 came after the cancel',
    );
    webview.deliver({ type: 'cancel', id: 99 });
    assert.deepEqual(log.lines, [], 'cancelling a request that is no longer in flight is no error');
  });

  it('aborts everything in flight on dispose, stops listening and posts nothing more', async () => {
    webview.deliver({ type: 'ready' });
    webview.deliver({ type: 'request', id: 1, method: 'count', params: { to: 2 } });
    webview.deliver({ type: 'request', id: 2, method: 'count', params: { to: 2 } });
    const before = webview.posted.length;
    host.dispose();
    assert.deepEqual(
      seen.map((context) => context.signal.aborted),
      [true, true],
    );
    assert.equal(webview.listening, false);
    gate.resolve();
    await Promise.all(finished);
    // setImmediate runs after every pending promise job, so the host has seen both handlers end.
    await new Promise<void>((resolve) => setImmediate(resolve));
    host.post('status', { text: 'late' });
    assert.equal(webview.posted.length, before, 'nothing posted after dispose');
  });

  it('drops a request whose id is already in flight', () => {
    webview.deliver({ type: 'ready' });
    webview.deliver({ type: 'request', id: 1, method: 'count', params: { to: 2 } });
    webview.deliver({ type: 'request', id: 1, method: 'count', params: { to: 2 } });
    assert.equal(seen.length, 1);
    assert.match(log.lines.join('\n'), /already in flight/);
  });

  it('logs dropped messages up to a limit, then says that it stops', () => {
    for (let i = 0; i < LOGGED_DROPS + 10; i++) webview.deliver({ type: 'flood', i });
    assert.equal(log.lines.length, LOGGED_DROPS);
    assert.match(log.lines.at(-1)!, /Further dropped messages are not logged/);
  });

  it('passes checked webview events to listeners and survives a listener that throws', () => {
    const lines: number[] = [];
    host.on('clicked', () => {
      throw new Error('listener bug');
    });
    const subscription = host.on('clicked', ({ line }) => lines.push(line));
    webview.deliver({ type: 'event', name: 'clicked', payload: { line: 4 } });
    webview.deliver({ type: 'event', name: 'clicked', payload: { line: 'x' } });
    subscription.dispose();
    webview.deliver({ type: 'event', name: 'clicked', payload: { line: 5 } });
    assert.deepEqual(lines, [4]);
    assert.equal(log.lines.length, 3, log.lines.join('\n'));
  });
});
