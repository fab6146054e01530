import * as assert from 'node:assert/strict';
import { WebviewHost, type MessagePort } from '../../../src/panels/webviewHost';
import type { WebviewProtocol } from '../../../src/protocol/checkMessage';
import { isIndex, isString, object } from '../../../src/protocol/guards';
import { createHostClient } from '../../../webview/shared/hostClient';
import { deferred, RecordingLogger } from '../protocol/fakeWebview';

type Requests = {
  upper: { params: { text: string }; result: string };
  tokens: { params: { count: number }; result: { finished: boolean }; chunk: string };
};
type HostEvents = { hello: { name: string } };
type WebviewEvents = { scrolled: { line: number } };
const protocol: WebviewProtocol<Requests, WebviewEvents> = {
  requests: { upper: object({ text: isString }), tokens: object({ count: isIndex }) },
  events: { scrolled: object({ line: isIndex }) },
};

/**
 * The real client and the real host joined by a channel that delivers asynchronously and through a structured clone,
 * as VS Code's does. The `tokens` handler streams `count` chunks, then waits until it is released or aborted.
 */
function connect() {
  let toWebview: ((event: { data: unknown }) => void) | undefined;
  let toHost: ((message: unknown) => void) | undefined;
  const fromWebview: unknown[] = [];
  const port: MessagePort = {
    postMessage: (message: unknown) => {
      const copy = structuredClone(message);
      queueMicrotask(() => toWebview?.({ data: copy }));
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (listener: (message: unknown) => void) => {
      toHost = listener;
      return { dispose: () => (toHost = undefined) };
    },
  };
  const release = deferred();
  const aborted = deferred<unknown>();
  const log = new RecordingLogger();
  const host = new WebviewHost<Requests, HostEvents, WebviewEvents>(
    port,
    {
      upper: ({ text }) => {
        if (text === 'fail') throw new Error('the model is busy');
        return text.toUpperCase();
      },
      tokens: async ({ count }, { signal, stream }) => {
        for (let i = 0; i < count; i++) stream(`t${i}`);
        signal.addEventListener('abort', () => aborted.resolve(signal.reason));
        await Promise.race([release.promise, aborted.promise]);
        return { finished: !signal.aborted };
      },
    },
    { protocol, log },
  );
  const client = createHostClient<Requests, HostEvents, WebviewEvents>(
    {
      postMessage: (message) => {
        fromWebview.push(structuredClone(message));
        const copy = structuredClone(message);
        queueMicrotask(() => toHost?.(copy));
      },
    },
    { addEventListener: (_type, listener) => (toWebview = listener) },
  );
  return { host, client, release, aborted, fromWebview, log };
}

describe('host client <-> WebviewHost', () => {
  it('answers requests, and rejects with the host error message', async () => {
    const { client, host, log } = connect();
    assert.equal(await client.request('upper', { text: 'abc' }), 'ABC');
    await assert.rejects(client.request('upper', { text: 'fail' }), { message: 'the model is busy' });
    host.dispose();
    assert.deepEqual(log.lines, []);
  });

  it('delivers streamed chunks in order before the result', async () => {
    const { client, release, host } = connect();
    const chunks: string[] = [];
    const result = client.request('tokens', { count: 3 }, { onChunk: (chunk) => chunks.push(chunk) });
    release.resolve();
    assert.deepEqual(await result, { finished: true });
    assert.deepEqual(chunks, ['t0', 't1', 't2']);
    host.dispose();
  });

  it('aborting the signal rejects at once and aborts the handler on the host', async () => {
    const { client, aborted, fromWebview, host } = connect();
    const controller = new AbortController();
    const chunks: string[] = [];
    const result = client.request(
      'tokens',
      { count: 2 },
      {
        signal: controller.signal,
        onChunk: (chunk) => {
          chunks.push(chunk);
          if (chunks.length === 2) controller.abort();
        },
      },
    );
    await assert.rejects(result, { name: 'AbortError' });
    await aborted.promise;
    assert.deepEqual(
      fromWebview.filter((m) => (m as { type: string }).type === 'cancel'),
      [{ type: 'cancel', id: 1 }],
    );
    host.dispose();
  });

  it('an already aborted signal rejects without asking the host', async () => {
    const { client, fromWebview, host } = connect();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.request('upper', { text: 'x' }, { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(fromWebview, [{ type: 'ready' }]);
    host.dispose();
  });

  it('closing the panel aborts a handler in flight', async () => {
    const { client, host, aborted } = connect();
    client.request('tokens', { count: 0 }).catch(() => undefined);
    // Answered in order: once this is back, the tokens request is running on the host.
    await client.request('upper', { text: 'sync' });
    host.dispose();
    assert.match(String(await aborted.promise), /closed/);
  });

  it('passes host events to listeners once ready', async () => {
    const { client, host } = connect();
    const got = deferred<string>();
    client.on('hello', ({ name }) => got.resolve(name));
    host.post('hello', { name: 'webview' });
    assert.equal(await got.promise, 'webview');
    host.dispose();
  });

  it('passes the webview’s events to the host’s listeners, checked against the protocol', async () => {
    const { client, host, log } = connect();
    const got = deferred<number>();
    host.on('scrolled', ({ line }) => got.resolve(line));
    client.emit('scrolled', { line: -1 });
    client.emit('scrolled', { line: 1_204 });
    assert.equal(await got.promise, 1_204);
    assert.equal(log.lines.length, 1, 'the malformed event is dropped and logged');
    host.dispose();
  });
});
