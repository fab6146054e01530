import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fingerprint, sketch } from '../../../src/core/validation/fingerprint';
import { sketchText, sketchValue } from '../../../src/core/validation/valueSketch';

/** The same JSON value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  );
}

describe('sketches', () => {
  it('are equal for equal values whatever their key order, at any depth (the property duplicate finding rests on)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = JSON.parse(JSON.stringify(value)) as unknown;
        assert.equal(sketchValue(reordered(parsed)), sketchValue(parsed));
        assert.equal(sketchValue(JSON.parse(JSON.stringify(parsed, null, 2))), sketchValue(parsed));
      }),
      { numRuns: 500 },
    );
    const deep = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { b: 1, a: deep(depth - 1, leaf) });
    assert.equal(sketchValue(deep(600, 'x')), sketchValue(reordered(deep(600, 'x'))));
  });

  it('of example and prompt are equal wherever the exact keys are', () => {
    const message = fc.record({
      role: fc.constantFrom('system', 'user', 'assistant', 'Assistant', 'tool'),
      content: fc.oneof(fc.string(), fc.constant(null)),
    });
    const example = fc.record(
      { messages: fc.array(message, { maxLength: 4 }), extra: fc.jsonValue() },
      { requiredKeys: ['messages'] },
    );
    // The second example is the first with its keys reordered, and possibly its last message's content changed.
    fc.assert(
      fc.property(
        example,
        fc.option(fc.string()),
        fc.constantFrom('chat', 'rft', 'completion', 'preference'),
        (a, newLast, format) => {
          const b = reordered(a) as typeof a;
          const last = b.messages[b.messages.length - 1];
          if (newLast !== null && last !== undefined) last.content = newLast;
          const [exactA, exactB] = [fingerprint(a, format), fingerprint(b, format)];
          const [sketchA, sketchB] = [sketch(a, format), sketch(b, format)];
          if (exactA.exampleKey === exactB.exampleKey) assert.equal(sketchA.example, sketchB.example);
          if (exactA.promptKey !== undefined && exactA.promptKey === exactB.promptKey)
            assert.equal(sketchA.prompt, sketchB.prompt);
          assert.equal(sketchA.prompt === undefined, exactA.promptKey === undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tell apart values of different types, lengths and sampled characters', () => {
    const values = [
      1,
      '1',
      [1],
      true,
      false,
      null,
      {},
      [],
      { a: 1 },
      { b: 1 },
      'ab',
      'abc',
      'x'.repeat(500),
      `${'x'.repeat(499)}y`,
      `y${'x'.repeat(499)}`,
    ];
    assert.equal(new Set(values.map(sketchValue)).size, values.length);
    // Short texts are read whole: a difference anywhere counts.
    assert.notEqual(sketchText(`${'a'.repeat(30)}b${'a'.repeat(30)}`), sketchText('a'.repeat(61)));
  });

  it('may share a sketch for long texts that differ only between samples (exact keys decide those)', () => {
    const text = 'a'.repeat(1000);
    const twin = `${text.slice(0, 501)}b${text.slice(502)}`;
    assert.equal(sketchText(twin), sketchText(text));
    assert.notEqual(
      fingerprint({ messages: [{ role: 'user', content: twin }] }, 'chat').exampleKey,
      fingerprint({ messages: [{ role: 'user', content: text }] }, 'chat').exampleKey,
    );
  });
});
