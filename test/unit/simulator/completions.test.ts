import * as assert from 'node:assert/strict';
import { BadRequestError } from 'openai';
import type { Completion } from 'openai/resources/completions';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

// The playground's completion mode: the running chat rebuilt into this template, stop at the next human turn.
const prompt = 'Human: What is 2+2?\nAI: 4\nHuman: And 3+3?\nAI:';

describe('simulator: completions', () => {
  const { client } = useSimulator();

  it('sim-completion completes the prompt (newlines flattened) with usage counted in words', async () => {
    const completion = await client().completions.create({ model: 'sim-completion', prompt, stop: ['\nHuman'] });
    assert.equal(completion.object, 'text_completion');
    assert.equal(
      completion.choices[0]?.text,
      ' Simulated completion of: Human: What is 2+2? AI: 4 Human: And 3+3? AI:',
    );
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(completion.usage, { prompt_tokens: 10, completion_tokens: 13, total_tokens: 23 });
  });

  it('max_tokens cuts the completion with finish_reason "length"', async () => {
    const completion = await client().completions.create({ model: 'sim-completion', prompt, max_tokens: 2 });
    assert.equal(completion.choices[0]?.text, ' Simulated completion');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
  });

  it('streams the text in word chunks, a finish chunk and, with include_usage, a usage chunk', async () => {
    const stream = await client().completions.create({
      model: 'sim-completion',
      prompt: 'Human: hi\nAI:',
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.deepEqual(
      chunks.slice(0, -2).map((chunk) => chunk.choices[0]?.text),
      [' Simulated', ' completion', ' of:', ' Human:', ' hi', ' AI:'],
    );
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
  });

  it('echo completes with the prompt itself', async () => {
    const completion = await client().completions.create({ model: 'echo', prompt: 'say\nthis' });
    assert.equal(completion.choices[0]?.text, 'say\nthis');
  });

  it('answers a chat model on the completions endpoint with 400', async () => {
    const error = await rejectionOf(client().completions.create({ model: 'sim-chat', prompt }));
    assert.ok(error instanceof BadRequestError, String(error));
    assert.equal(error.param, 'model');
    assert.match(error.message, /is a chat model/);
  });

  it('refuses a prompt that is not one string with a 400 naming prompt', async () => {
    const error = await rejectionOf(client().completions.create({ model: 'sim-completion', prompt: ['a', 'b'] }));
    assert.ok(error instanceof BadRequestError, String(error));
    assert.equal(error.param, 'prompt');
  });
});
