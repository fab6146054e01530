import * as assert from 'node:assert/strict';
import { fingerprint } from '../../../src/core/validation/fingerprint';
import { keyHalves } from '../../../src/core/validation/hasher';

const key = (value: Record<string, unknown>) => fingerprint(value, 'rft').exampleKey;
const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { b: 1, a: nest(depth - 1, leaf) });
const nestReordered = (depth: number, leaf: unknown): unknown =>
  depth === 0 ? leaf : { a: nestReordered(depth - 1, leaf), b: 1 };

describe('fingerprints', () => {
  it('ignore key order at any depth, including past the recursion limit', () => {
    for (const depth of [1, 63, 64, 65, 500]) {
      assert.equal(key({ x: nest(depth, 'leaf') }), key({ x: nestReordered(depth, 'leaf') }), `depth ${depth}`);
      assert.notEqual(key({ x: nest(depth, 'leaf') }), key({ x: nest(depth, 'leaf!') }), `depth ${depth}`);
    }
  });

  it('tell apart values that differ in type, nesting or split between keys', () => {
    const keys = [
      { x: 1 },
      { x: '1' },
      { x: [1] },
      { x: true },
      { x: null },
      { x: 'ab', y: 'c' },
      { x: 'a', y: 'bc' },
      { x: {} },
      { x: [] },
      { xy: 1 },
    ].map(key);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('keep long strings apart, even when they differ only in a lone surrogate or past a 64K piece', () => {
    const long = 'x'.repeat(40);
    assert.notEqual(key({ a: `${long}\ud800` }), key({ a: `${long}\ufffd` }));
    assert.notEqual(key({ a: `${long}\ud800` }), key({ a: `${long}\udbff` }));
    assert.equal(key({ a: `${long}😀é` }), key({ a: `${long}😀é` }));
    const huge = 'y'.repeat(200_000);
    assert.notEqual(key({ a: `${huge}1` }), key({ a: `${huge}2` }));
    assert.equal(key({ a: `${huge}1` }), key({ a: `${'y'.repeat(200_000)}1` }));
  });

  it('split chat examples into prompt and last answer', () => {
    const user = { role: 'user', content: 'q' };
    const one = fingerprint({ messages: [user, { role: 'assistant', content: 'a' }] }, 'chat');
    const two = fingerprint({ messages: [user, { role: 'assistant', content: 'b' }] }, 'chat');
    assert.equal(one.promptKey, two.promptKey);
    assert.notEqual(one.answerKey, two.answerKey);
    assert.notEqual(one.exampleKey, two.exampleKey);
    assert.equal(fingerprint({ messages: [user] }, 'chat').promptKey, undefined);
    assert.equal(fingerprint({ messages: [user] }, 'rft').promptKey, undefined);
    assert.equal(fingerprint({ input: {}, preferred_output: [] }, 'preference').answerKey, undefined);
  });

  it('encode 64 bits in four code units', () => {
    const example = fingerprint({ messages: [] }, 'chat').exampleKey;
    assert.equal(example.length, 4);
    const [hi, lo] = keyHalves(example);
    assert.equal(String.fromCharCode(hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff), example);
  });
});
