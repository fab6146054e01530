import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { rejectionOf } from './rejectionOf';

const messages = [{ role: 'user' as const, content: 'one two three four five six seven eight' }];

describe('simulator: paced streams (chunksPerSecond)', () => {
  const started: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((simulator) => simulator.close()));
  });
  async function paced(chunksPerSecond: number): Promise<{ simulator: Simulator; client: OpenAI }> {
    const simulator = await startSimulator({ chunksPerSecond });
    started.push(simulator);
    return { simulator, client: new OpenAI({ baseURL: simulator.url, apiKey: 'x', maxRetries: 0 }) };
  }

  it('a paced stream carries the same chunks as an unpaced one, ending with the usage chunk', async () => {
    const { client } = await paced(2000);
    const chunks: ChatCompletionChunk[] = [];
    const stream = await client.chat.completions.create({
      model: 'sim-chat',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(
      chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
      'Simulated reply to: one two three four five six seven eight',
    );
    assert.equal(chunks.length, 1 + 11 + 1 + 1);
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 8, completion_tokens: 11, total_tokens: 19 });
  });

  it('close() ends a paced stream part way, and resolves', async () => {
    const { simulator, client } = await paced(5);
    const stream = await client.chat.completions.create({ model: 'sim-chat', messages, stream: true });
    const received: ChatCompletionChunk[] = [];
    let closing: Promise<void> | undefined;
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) if (received.push(chunk) === 1) closing = simulator.close();
      })(),
    );
    assert.ok(error instanceof Error, String(error));
    assert.ok(received.length < 13, `${received.length} chunks arrived after the close`);
    await closing;
  });

  it('a client abort ends a paced stream, and the simulator goes on serving', async () => {
    const { client } = await paced(5);
    const abort = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'sim-chat', messages, stream: true },
      { signal: abort.signal },
    );
    const received: ChatCompletionChunk[] = [];
    for await (const chunk of stream) if (received.push(chunk) === 1) abort.abort();
    assert.equal(received.length, 1);
    const completion = await client.chat.completions.create({ model: 'sim-chat', messages });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
  });

  it('refuses a rate that is not a positive number', async () => {
    for (const chunksPerSecond of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await assert.rejects(startSimulator({ chunksPerSecond }), RangeError);
    }
  });
});
