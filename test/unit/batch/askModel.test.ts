import * as assert from 'node:assert/strict';
import { chatRequest, createAsk } from '../../../src/core/batch/askModel';
import type { BatchPrompt, ModelSpec } from '../../../src/core/batch/batchTypes';
import { runBatch } from '../../../src/core/batch/runBatch';
import { createClient } from '../../../src/core/connections/createClient';
import type { ClientOptions } from '../../../src/core/connections/createClient';
import { startSimulator, type Simulator } from '../../../simulator/server';

const KEY = 'sk-unit-batch-3f9a1c7e5b';

const prompt: BatchPrompt = {
  index: 4,
  source: 'line 5',
  key: '00112233aabbccdd',
  turns: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is the capital of France?' },
    { role: 'assistant', content: 'Paris.' },
    { role: 'user', content: 'And of Italy?' },
  ],
  reference: 'Rome.',
};

function spec(model: string, parameters: ModelSpec['parameters'] = {}): ModelSpec {
  return { label: model, connection: 'sim', model, parameters };
}

/** A latency clock that moves 40 ms between its readings, and a fixed write time. */
function fixedTime() {
  let ms = 0;
  return {
    now: () => {
      ms += 40;
      return ms;
    },
    date: () => new Date('2026-03-04T05:06:07.000Z'),
  };
}

describe('askModel (against the simulator)', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
  });
  after(async () => {
    await simulator.close();
  });

  const ask = (clientOptions: ClientOptions = { maxRetries: 0 }) =>
    createAsk((connection) => {
      assert.equal(connection, 'sim');
      return createClient(
        { id: 'sim', name: 'Simulator', kind: 'compatible', baseUrl: simulator.url },
        { apiKey: KEY },
        clientOptions,
      );
    }, fixedTime());
  const requestsFor = (model: string) =>
    simulator.requests.filter((request) => (request.body as { model?: string } | undefined)?.model === model);

  it('writes a real reply as a record, with the exact request sent', async () => {
    const model = spec('sim-chat', { temperature: 0.2, maxTokens: 50, seed: 7 });
    const outcome = await ask()(prompt, model, new AbortController().signal);
    const sent = requestsFor('sim-chat');
    const id = outcome.record?.response?.id ?? '';
    assert.match(id, /^chatcmpl-sim-\d+$/);
    assert.equal(sent.length, 1);
    assert.deepEqual(outcome, {
      kind: 'done',
      record: {
        v: 1,
        prompt,
        model,
        request: {
          model: 'sim-chat',
          messages: [
            { role: 'system', content: 'Answer briefly.' },
            { role: 'user', content: 'What is the capital of France?' },
            { role: 'assistant', content: 'Paris.' },
            { role: 'user', content: 'And of Italy?' },
          ],
          temperature: 0.2,
          max_tokens: 50,
          seed: 7,
          stream: false,
        },
        response: {
          text: 'Simulated reply to: And of Italy?',
          finishReason: 'stop',
          usage: { promptTokens: 12, completionTokens: 6, totalTokens: 18 },
          id,
          model: 'sim-chat',
        },
        latencyMs: 40,
        finishedAt: '2026-03-04T05:06:07.000Z',
      },
    });
    assert.deepEqual(sent[0]?.body, outcome.record?.request);
  });

  it('sends maxTokens in the field the model takes', () => {
    const request = chatRequest(prompt, spec('o3-mini', { maxTokens: 9 }), 'max_completion_tokens');
    assert.equal(request.max_completion_tokens, 9);
    assert.equal('max_tokens' in request, false);
  });

  it('turns a 429 with retry-after into rateLimited, after the SDK’s own retries', async () => {
    const outcome = await ask({ maxRetries: 2 })(prompt, spec('fault-429'), new AbortController().signal);
    assert.equal(requestsFor('fault-429').length, 3);
    assert.equal(outcome.kind, 'rateLimited');
    assert.equal(outcome.kind === 'rateLimited' && outcome.retryAfterMs, 0);
    assert.deepEqual(outcome.limits, { retryAfterMs: 0 });
    assert.equal(outcome.record?.error?.status, 429);
    assert.match(
      outcome.record?.error?.message ?? '',
      /^Rate limited by http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(429\)/,
    );
  });

  it('reads retry-after-ms and the budget headers of a tokens-per-minute 429', async () => {
    const outcome = await ask()(prompt, spec('fault-429-tokens'), new AbortController().signal);
    assert.equal(outcome.kind, 'rateLimited');
    assert.equal(outcome.kind === 'rateLimited' && outcome.retryAfterMs, 750);
    assert.deepEqual(outcome.limits, {
      retryAfterMs: 750,
      remainingRequests: 499,
      resetRequestsMs: 120,
      remainingTokens: 0,
      resetTokensMs: 1500,
    });
  });

  it('records an exhausted quota as a failure, not a rate limit, asked once', async () => {
    const outcome = await ask({ maxRetries: 2 })(prompt, spec('fault-quota'), new AbortController().signal);
    assert.equal(requestsFor('fault-quota').length, 1);
    assert.equal(outcome.kind, 'done');
    assert.equal(outcome.record?.error?.status, 429);
    assert.match(outcome.record?.error?.message ?? '', /quota is exhausted \(429 insufficient_quota/);
    assert.equal(outcome.record?.response, undefined);
  });

  it('records a server error with its status and message, never the key', async () => {
    const outcome = await ask()(prompt, spec('fault-500'), new AbortController().signal);
    assert.equal(outcome.kind, 'done');
    const record = outcome.record;
    assert.equal(record?.error?.status, 500);
    assert.ok(
      record?.error?.message.startsWith(
        `The server failed (500) at ${simulator.url}/chat/completions: The server had an error while processing`,
      ),
      record?.error?.message,
    );
    assert.equal(record?.latencyMs, 40);
    assert.equal(record?.response, undefined);
    assert.doesNotMatch(JSON.stringify(record), new RegExp(KEY));
  });

  it('records a connection whose client cannot be made', async () => {
    const broken = createAsk(() => {
      throw new Error('Connection “Broken”: the base URL is not a URL.');
    }, fixedTime());
    const outcome = await broken(prompt, spec('sim-chat'), new AbortController().signal);
    assert.deepEqual(outcome.kind === 'done' && outcome.record.error, {
      message: 'Connection “Broken”: the base URL is not a URL.',
    });
  });

  it('rejects when its signal aborts a request, so the runner writes nothing', async () => {
    const controller = new AbortController();
    const asking = ask()(prompt, spec('fault-stall'), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(asking);
  });

  it('runs a batch end to end: answers, a 500 and a 429 that exhausts its retries', async () => {
    const models = [spec('sim-chat'), spec('fault-500'), spec('fault-429')];
    const refusedBefore = requestsFor('fault-429').length;
    const written: string[] = [];
    const progress = await runBatch([prompt, { ...prompt, index: 5, key: 'ffeeddccbbaa9988' }], models, {
      ask: ask(),
      append: (record) => {
        written.push(`${record.prompt.index} ${record.model.label} ${record.error?.status ?? 'ok'}`);
        return Promise.resolve();
      },
      concurrency: () => 2,
      maxRateLimitRetries: 1,
    });
    assert.deepEqual(written.sort(), [
      '4 fault-429 429',
      '4 fault-500 500',
      '4 sim-chat ok',
      '5 fault-429 429',
      '5 fault-500 500',
      '5 sim-chat ok',
    ]);
    assert.equal(progress.done, 2);
    assert.equal(progress.failed, 4);
    // Each 429 pair: asked, paused (retry-after 0), asked once more, written as failed.
    assert.equal(requestsFor('fault-429').length - refusedBefore, 4);
  });
});
