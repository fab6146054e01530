import * as assert from 'node:assert/strict';
import { DatasetAnalysis } from '../../../src/core/analysis/datasetAnalysis';
import { createTokenCounter } from '../../../src/core/analysis/lineTokens';
import { feedJson } from '../../../src/core/validation/canonicalJson';
import { fingerprint, sketch } from '../../../src/core/validation/fingerprint';
import { Hasher } from '../../../src/core/validation/hasher';
import { countKeysInText, countMembers, MAX_NESTING_DEPTH } from '../../../src/core/validation/jsonStructure';
import { sameJson } from '../../../src/core/validation/jsonValue';
import { validateText } from '../../../src/core/validation/validateText';
import { sketchValue } from '../../../src/core/validation/valueSketch';
import { chat, padding } from './helpers';

const DEPTH = 100_000;
const deepArrays = (depth = DEPTH) => '['.repeat(depth) + ']'.repeat(depth);
const qa = '[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]';

/** A deep line in each place the issue names: a tool's parameters schema, message content, an unknown field. */
const DEEP_LINES = {
  'tool parameters': `{"messages":${qa},"tools":[{"type":"function","function":{"name":"f","parameters":${deepArrays()}}}]}`,
  'message content': `{"messages":[{"role":"user","content":${deepArrays()}},{"role":"assistant","content":"a"}]}`,
  'unknown field': `{"messages":${qa},"extra":${deepArrays()}}`,
};
/** A line after the deep one that must still be validated. */
const AFTER = chat([
  { role: 'User', content: 'q' },
  { role: 'assistant', content: 'a' },
]);

const where = (problems: readonly { code: string; range: { start: { line: number } } }[]) =>
  problems.map((p) => `${p.range.start.line}:${p.code}`);

describe('deeply nested JSON', () => {
  for (const [place, line] of Object.entries(DEEP_LINES)) {
    it(`in ${place}: one ft.nesting-too-deep on the line, the next line still validated (whole text and editor)`, () => {
      const lines = [...padding('chat'), line, AFTER];
      const expected = ['10:ft.nesting-too-deep', '11:ft.role-case'];
      assert.deepEqual(where(validateText(lines.join('\n')).problems), expected);
      // The editor path counts tokens too, which used to overflow on a tool schema (JSON.stringify recursion).
      const analysis = new DatasetAnalysis({
        format: undefined,
        severities: {},
        tokens: createTokenCounter('gpt-4o-mini', 65_536),
      });
      const snapshot = analysis.refresh({ lineCount: lines.length, lineText: (i) => lines[i]! });
      assert.deepEqual(where(snapshot.problems), expected);
      assert.equal(analysis.totals().examples, 11);
    });
  }

  it('accepts nesting up to the limit and reports one level more', () => {
    const at = (depth: number) => `{"messages":${qa},"extra":${deepArrays(depth - 1)}}`;
    const codesAt = (depth: number) =>
      validateText([...padding('chat'), at(depth)].join('\n')).problems.map((p) => p.code);
    assert.deepEqual(codesAt(MAX_NESTING_DEPTH), ['ft.unknown-key']);
    assert.deepEqual(codesAt(MAX_NESTING_DEPTH + 1), ['ft.nesting-too-deep']);
  });

  it('an invalid deep line gets a syntax error without handing it to the recursive parser', () => {
    const line = `{"messages":${deepArrays().slice(0, -1)}}`;
    const problems = validateText([...padding('chat'), line, AFTER].join('\n')).problems;
    assert.deepEqual(where(problems), ['10:ft.json-syntax', '11:ft.role-case']);
    assert.match(problems[0]!.message, /nested deeper than 500 levels/);
  });

  it('canonical hashing, fingerprints, sketches and equality return results on 100,000 levels', () => {
    const a: unknown = JSON.parse(deepArrays());
    const b: unknown = JSON.parse(deepArrays());
    const c: unknown = JSON.parse(`${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`);
    const key = (value: unknown) => {
      const hasher = new Hasher();
      feedJson(hasher, value);
      return hasher.digest();
    };
    assert.equal(key(a), key(b));
    assert.notEqual(key(a), key(c));
    assert.equal(sameJson(a, b), true);
    assert.equal(sameJson(a, c), false);
    assert.equal(typeof sketchValue(a), 'number');
    const example = {
      messages: [
        { role: 'user', content: a },
        { role: 'assistant', content: 'x' },
      ],
    };
    const other = {
      messages: [
        { role: 'user', content: c },
        { role: 'assistant', content: 'x' },
      ],
    };
    assert.notEqual(fingerprint(example, 'chat').exampleKey, fingerprint(other, 'chat').exampleKey);
    assert.equal(typeof sketch(example, 'chat').example, 'number');
  });

  it('countMembers and countKeysInText agree on valid JSON without repeated keys, escapes included', () => {
    const text = '{"a":{"b\\"":[{"c":1,"d":"x\\\\"}]},"e" : "f:","g":[":"]}';
    assert.equal(countMembers(JSON.parse(text)), 6);
    assert.equal(countKeysInText(text), 6);
    assert.equal(countMembers(JSON.parse(deepArrays())), -1);
  });
});
