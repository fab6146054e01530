import * as assert from 'node:assert/strict';
import OpenAI, {
  APIConnectionError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { startSimulator } from '../../../simulator/server';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

const messages = [{ role: 'user' as const, content: 'tell me a long story' }];

describe('simulator: faults chosen by model id', () => {
  const { simulator, client } = useSimulator();
  const requestsFor = (model: string): number =>
    simulator().requests.filter((request) => (request.body as { model?: string } | undefined)?.model === model).length;

  it('fault-401 answers AuthenticationError with code invalid_api_key, without repeating the key', async () => {
    const sdk = new OpenAI({ baseURL: simulator().url, apiKey: 'sk-secret-key-123', maxRetries: 0 });
    const error = await rejectionOf(sdk.chat.completions.create({ model: 'fault-401', messages }));
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.code, 'invalid_api_key');
    assert.doesNotMatch(error.message, /secret|123/);
  });

  it('fault-429 answers RateLimitError with retry-after: 0 every time, so the SDK retries and still fails', async () => {
    const error = await rejectionOf(
      client({ maxRetries: 2 }).chat.completions.create({ model: 'fault-429', messages }),
    );
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.headers.get('retry-after'), '0');
    assert.equal(requestsFor('fault-429'), 3);
  });

  it('fault-429-once refuses the first request of each body, so the SDK retry succeeds', async () => {
    const completion = await client({ maxRetries: 1 }).chat.completions.create({ model: 'fault-429-once', messages });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: tell me a long story');
    assert.equal(requestsFor('fault-429-once'), 2);
    const other = [{ role: 'user' as const, content: 'another body' }];
    const error = await rejectionOf(client().chat.completions.create({ model: 'fault-429-once', messages: other }));
    assert.ok(error instanceof RateLimitError, String(error));
  });

  it('fault-quota answers RateLimitError with code insufficient_quota', async () => {
    const error = await rejectionOf(client().chat.completions.create({ model: 'fault-quota', messages }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.code, 'insufficient_quota');
    assert.equal(error.status, 429);
  });

  it('fault-500 answers InternalServerError, on both endpoints', async () => {
    const chat = await rejectionOf(client().chat.completions.create({ model: 'fault-500', messages }));
    assert.ok(chat instanceof InternalServerError, String(chat));
    const legacy = await rejectionOf(client().completions.create({ model: 'fault-500', prompt: 'x' }));
    assert.ok(legacy instanceof InternalServerError, String(legacy));
  });

  it('fault-drop streams three chunks, then the connection breaks and the stream throws', async () => {
    const stream = await client().chat.completions.create({ model: 'fault-drop', messages, stream: true });
    const chunks: ChatCompletionChunk[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })(),
    );
    assert.ok(error instanceof Error, String(error));
    assert.deepEqual(
      chunks.map((chunk) => chunk.choices[0]?.delta.content),
      ['', 'Simulated', ' reply'],
    );
  });

  it('fault-drop without streaming closes the connection without an answer: APIConnectionError', async () => {
    const error = await rejectionOf(client().chat.completions.create({ model: 'fault-drop', messages }));
    assert.ok(error instanceof APIConnectionError, String(error));
  });

  it('fault-stall streams the role and first word, then waits until the client aborts', async () => {
    const abort = new AbortController();
    const stream = await client().chat.completions.create(
      { model: 'fault-stall', messages, stream: true },
      { signal: abort.signal },
    );
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      if (chunks.length === 2) abort.abort();
    }
    assert.deepEqual(
      chunks.map((chunk) => chunk.choices[0]?.delta.content),
      ['', 'Simulated'],
    );
  });

  it('fault-stall without streaming never answers; an abort ends the request with APIUserAbortError', async () => {
    const abort = new AbortController();
    const request = client().chat.completions.create({ model: 'fault-stall', messages }, { signal: abort.signal });
    const before = simulator().requests.length;
    // Abort only once the simulator has the request, so the stall (not an early abort) is what is tested.
    while (simulator().requests.length === before) await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    assert.ok((await rejectionOf(request)) instanceof APIUserAbortError);
  });

  for (const [model, parameter, extra] of [
    ['fault-no-stream-options', 'stream_options', { stream: true, stream_options: { include_usage: true } }],
    ['fault-no-seed', 'seed', { seed: 7 }],
  ] as const) {
    it(`${model} answers 400 "Unrecognized request argument supplied: ${parameter}" and works without it`, async () => {
      const error = await rejectionOf(client().chat.completions.create({ model, messages, ...extra }));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.equal(error.param, parameter);
      assert.match(error.message, new RegExp(`Unrecognized request argument supplied: ${parameter}$`));
      const completion = await client().chat.completions.create({ model, messages });
      assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: tell me a long story');
    });
  }
});

describe('simulator: closing', () => {
  it('close() ends a stream in progress (a stalled one) and resolves', async () => {
    const simulator = await startSimulator();
    const sdk = new OpenAI({ baseURL: simulator.url, apiKey: 'x', maxRetries: 0 });
    const stream = await sdk.chat.completions.create({ model: 'fault-stall', messages, stream: true });
    let closing: Promise<void> | undefined;
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          if (chunk.choices[0]?.delta.content === 'Simulated') closing = simulator.close();
        }
      })(),
    );
    assert.ok(error instanceof Error, String(error));
    assert.ok(closing, 'the first word arrived before the stall');
    await closing;
    const refused = await rejectionOf(sdk.models.list());
    assert.ok(refused instanceof APIConnectionError, String(refused));
  });
});
