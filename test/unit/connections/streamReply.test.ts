import * as assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { BadRequestError } from 'openai';
import { emptyQuirks } from '../../../src/core/connections/serverQuirks';
import { streamReply, type ReplyEvent, type ReplyRequest } from '../../../src/core/connections/streamReply';

/** What the fake client was asked, and the signal it was given. */
interface Call {
  body: Record<string, unknown>;
  signal: AbortSignal | undefined;
}

/** A client whose chat endpoint answers from a script: chunks for a stream, an error to throw, or a whole reply. */
function fakeClient(answers: ((call: Call) => unknown)[]): { client: OpenAI; calls: Call[] } {
  const calls: Call[] = [];
  const create = (body: Record<string, unknown>, options?: { signal?: AbortSignal }) => {
    const call = { body, signal: options?.signal };
    calls.push(call);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('unexpected request');
    return Promise.resolve().then(() => answer(call));
  };
  const client = {
    baseURL: 'http://127.0.0.1:1/v1',
    apiKey: 'fake-key-123456',
    buildURL: (path: string) => `http://127.0.0.1:1/v1${path}`,
    chat: { completions: { create } },
    completions: { create },
  };
  return { client: client as unknown as OpenAI, calls };
}

async function* chunks(...texts: (string | { finish: string })[]) {
  for (const text of texts) {
    await Promise.resolve();
    yield typeof text === 'string'
      ? { choices: [{ delta: { content: text }, finish_reason: null }] }
      : { choices: [{ delta: {}, finish_reason: text.finish }] };
  }
}

const request: ReplyRequest = { mode: 'chat', params: { model: 'm', messages: [{ role: 'user', content: 'q' }] } };

async function collect(events: AsyncIterable<ReplyEvent>): Promise<ReplyEvent[]> {
  const all: ReplyEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('connections: streamReply (fake client)', () => {
  it('a stream that ends without a finish reason is done with finishReason undefined (incomplete)', async () => {
    const { client } = fakeClient([() => chunks('a', 'b')]);
    assert.deepEqual(await collect(streamReply(client, request)), [
      { type: 'delta', text: 'a' },
      { type: 'delta', text: 'b' },
      { type: 'done', finishReason: undefined },
    ]);
  });

  it('passes the finish reason on, and asks for usage in the stream', async () => {
    const { client, calls } = fakeClient([() => chunks('a', { finish: 'length' })]);
    const events = await collect(streamReply(client, request));
    assert.deepEqual(events.at(-1), { type: 'done', finishReason: 'length' });
    assert.deepEqual(calls[0]!.body.stream_options, { include_usage: true });
    assert.equal(calls[0]!.body.stream, true);
  });

  it('a consumer that stops early aborts the request', async () => {
    const { client, calls } = fakeClient([() => chunks('a', 'b', 'c')]);
    for await (const event of streamReply(client, request)) if (event.type === 'delta') break;
    assert.equal(calls[0]!.signal?.aborted, true);
  });

  it('the caller’s abort reaches the request, which ends with an aborted event', async () => {
    const controller = new AbortController();
    const { client, calls } = fakeClient([
      (call) =>
        new Promise((_resolve, reject) => {
          const stop = () => reject(new Error('aborted by signal'));
          if (call.signal!.aborted) stop();
          else call.signal!.addEventListener('abort', stop);
        }),
    ]);
    const events = collect(streamReply(client, request, { signal: controller.signal }));
    // The generator runs up to the request synchronously, so the request exists now.
    assert.equal(calls.length, 1);
    controller.abort();
    assert.deepEqual(await events, [{ type: 'aborted' }]);
    assert.equal(calls.length, 1);
  });

  it('drops a rejected parameter at most once per request, then fails with the status', async () => {
    const rejectSeed = () => {
      throw new BadRequestError(400, { message: 'bad', param: 'seed' }, undefined, new Headers());
    };
    const quirks = emptyQuirks();
    const { client, calls } = fakeClient([rejectSeed, rejectSeed]);
    const seeded: ReplyRequest = { mode: 'chat', params: { ...request.params, seed: 1 } };
    const events: ReplyEvent[] = [];
    await assert.rejects(
      async () => {
        for await (const event of streamReply(client, seeded, { quirks, stream: false })) events.push(event);
      },
      (error: Error & { status?: number }) =>
        error.status === 400 && /\(400\) at http:\/\/127\.0\.0\.1:1\/v1\/chat\/completions/.test(error.message),
    );
    assert.deepEqual(events, [{ type: 'parameterDropped', parameter: 'seed' }]);
    assert.deepEqual(
      calls.map((call) => 'seed' in call.body),
      [true, false],
    );
  });
});
