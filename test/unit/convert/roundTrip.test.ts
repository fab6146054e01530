import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConvertSpec } from '../../../src/core/convert/model';
import { chatExample, convertText, jsonl } from './helpers';

/** Converts chat JSONL to a format and back; returns the lines that came back and both reports. */
async function roundTrip(text: string, there: ConvertSpec, back: ConvertSpec) {
  const out = await convertText(text, there);
  const returned = await convertText(out.lines.join('\n'), back);
  return { lines: returned.lines, there: out.report, back: returned.report };
}

describe('round trips chat → X → chat', () => {
  it('ShareGPT and TRL give back every line byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chatExample, { minLength: 1, maxLength: 5 }), async (examples) => {
        const original = jsonl(examples);
        const expected = examples.map((example) => JSON.stringify(example));
        const viaShareGpt = await roundTrip(
          original,
          { from: 'chat', to: 'sharegpt' },
          { from: 'sharegpt', to: 'chat' },
        );
        assert.deepEqual(viaShareGpt.lines, expected);
        const viaTrl = await roundTrip(original, { from: 'chat', to: 'trl' }, { from: 'trl', to: 'chat' });
        assert.deepEqual(viaTrl.lines, expected);
      }),
      { numRuns: 100 },
    );
  });

  it('Alpaca gives back single-turn examples and reports the multi-turn ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chatExample, { minLength: 1, maxLength: 5 }), async (examples) => {
        const single = examples.filter(
          (example) => example.messages.filter((message) => message.role === 'user').length === 1,
        );
        const result = await roundTrip(jsonl(examples), { from: 'chat', to: 'alpaca' }, { from: 'alpaca', to: 'chat' });
        assert.deepEqual(
          result.lines,
          single.map((example) => JSON.stringify(example)),
        );
        assert.equal(result.there.skippedCount, examples.length - single.length);
      }),
      { numRuns: 100 },
    );
  });

  it('legacy gives back examples whose texts cannot be mistaken for the template', async () => {
    const safe = chatExample.filter((example) =>
      example.messages.every(
        ({ content }) =>
          !content.includes('\n\n###\n\n') && !/(^|\n)(Customer|Agent):/.test(content) && !content.endsWith('\n'),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(safe, { minLength: 1, maxLength: 5 }), async (examples) => {
        const result = await roundTrip(jsonl(examples), { from: 'chat', to: 'legacy' }, { from: 'legacy', to: 'chat' });
        assert.deepEqual(
          result.lines,
          examples.map((example) => JSON.stringify(example)),
        );
        assert.equal(result.there.warnings.length, 0);
      }),
      { numRuns: 100 },
    );
  });

  it('OpenAI preference → TRL → OpenAI preference', async () => {
    const pair = {
      input: {
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q, "quoted"\nline' },
        ],
      },
      preferred_output: [{ role: 'assistant', content: 'good 😀' }],
      non_preferred_output: [{ role: 'assistant', content: 'bad' }],
    };
    const result = await roundTrip(jsonl([pair]), { from: 'preference', to: 'trl' }, { from: 'trl', to: 'preference' });
    assert.deepEqual(result.lines, [JSON.stringify(pair)]);
  });
});
