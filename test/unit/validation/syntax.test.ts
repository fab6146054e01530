import * as assert from 'node:assert/strict';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';

function syntax(text: string): [string, number, number, string] {
  const analysis = analyzeLine(text, 0, 'chat');
  assert.equal(analysis.kind, 'invalid');
  const [problem] = analysis.problems;
  assert.ok(problem);
  return [problem.code, problem.range.start.character, problem.range.end.character, problem.message];
}

describe('JSON syntax errors', () => {
  it('point at the exact column', () => {
    assert.deepEqual(syntax('{"a" 1}'), ['ft.json-syntax', 5, 6, 'Invalid JSON: expected ":" after the property name']);
    assert.deepEqual(syntax('{"a":1 "b":2}'), ['ft.json-syntax', 7, 10, 'Invalid JSON: expected a comma']);
    assert.deepEqual(syntax("{'a':1}"), ['ft.json-syntax', 1, 4, 'Invalid JSON: unexpected "\'a\'"']);
    assert.deepEqual(syntax('{"a":"\\q"}'), ['ft.json-syntax', 5, 9, 'Invalid JSON: invalid escape sequence']);
    assert.deepEqual(syntax('{"a":1}{"b":2}'), [
      'ft.json-syntax',
      7,
      8,
      'Invalid JSON: unexpected text after the JSON object (one example per line)',
    ]);
    assert.deepEqual(syntax('{"a":1} // note'), [
      'ft.json-syntax',
      8,
      15,
      'Invalid JSON: comments are not allowed in JSON',
    ]);
  });

  it('report an unterminated line at its last character', () => {
    assert.deepEqual(syntax('{"messages": ['), [
      'ft.json-syntax',
      13,
      14,
      'Invalid JSON: the line ends before the JSON is complete (expected "]")',
    ]);
    assert.deepEqual(syntax('{"messages": [  '), [
      'ft.json-syntax',
      13,
      16,
      'Invalid JSON: the line ends before the JSON is complete (expected "]")',
    ]);
    assert.deepEqual(syntax('{"a":"unclosed'), ['ft.json-syntax', 5, 14, 'Invalid JSON: unterminated string']);
  });

  it('tells trailing commas apart and points at the comma', () => {
    assert.deepEqual(syntax('{"a":1,}'), [
      'ft.trailing-comma',
      6,
      7,
      'Invalid JSON: trailing comma before the end of the object',
    ]);
    assert.deepEqual(syntax('{"a":[1, 2 , ]}'), [
      'ft.trailing-comma',
      11,
      12,
      'Invalid JSON: trailing comma before the end of the array',
    ]);
    assert.equal(syntax('{"a":1,,"b":2}')[0], 'ft.json-syntax');
  });

  it('reports raw control characters in strings', () => {
    assert.deepEqual(syntax('{"a":"x\ty"}').slice(0, 1), ['ft.json-syntax']);
    assert.match(syntax('{"a":"x\ty"}')[3], /control character/);
  });

  it('falls back to the JSON.parse position where jsonc-parser sees no error', () => {
    const deep = `{"a":${'['.repeat(20000)}${']'.repeat(19999)}}`;
    const [code, start, end] = syntax(deep);
    assert.equal(code, 'ft.json-syntax');
    assert.ok(start >= 0 && end <= deep.length && start <= end);
  });

  it('accepts a CRLF remainder and surrounding whitespace', () => {
    assert.equal(
      analyzeLine('  {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}\t', 0, 'chat')
        .problems.length,
      0,
    );
  });

  it('calls a JSON value that is not an object what it is', () => {
    for (const [text, what] of [
      ['[1]', 'an array'],
      ['3', 'a number'],
      ['"x"', 'a string'],
      ['null', 'null'],
      ['true', 'a boolean'],
    ]) {
      const problems = analyzeLine(text ?? '', 2, 'chat').problems;
      assert.deepEqual(
        problems.map((p) => [p.code, p.message]),
        [['ft.not-an-object', `Each line must be one JSON object, not ${what ?? ''}`]],
      );
    }
  });
});
