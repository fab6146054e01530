import * as assert from 'node:assert/strict';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';

/** The problems of one line as [code, the text their range covers]. */
function located(text: string, format: 'chat' | 'preference' | 'rft' | 'completion' = 'chat'): [string, string][] {
  return analyzeLine(text, 7, format).problems.map((p) => {
    assert.equal(p.range.start.line, 7);
    assert.equal(p.range.end.line, 7);
    return [p.code, text.slice(p.range.start.character, p.range.end.character)];
  });
}

describe('problem ranges', () => {
  it('point at the offending value', () => {
    assert.deepEqual(located('{"messages":[{"role":"user","content":42},{"role":"assistant","content":"b"}]}'), [
      ['ft.data-type', '42'],
    ]);
    assert.deepEqual(located('{"messages":[{"role":"user","content":"a"},{"role":"Assistant","content":"b"}]}'), [
      ['ft.role-case', '"Assistant"'],
    ]);
    assert.deepEqual(
      located('{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b","weight":2}]}'),
      [['ft.weight-value', '2']],
    );
  });

  it('point at the key for keys to remove or rename', () => {
    assert.deepEqual(
      located('{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}],"id":7}'),
      [['ft.unknown-key', '"id"']],
    );
    assert.deepEqual(
      located('{"messages":[{"role":"user","content":"a","mood":1},{"role":"assistant","content":"b"}]}'),
      [['ft.message-unrecognized-key', '"mood"']],
    );
  });

  it('point at the message for something missing in it, and at the whole line for a missing list', () => {
    assert.deepEqual(located('{"messages":[{"content":"a"},{"role":"assistant","content":"b"}]}'), [
      ['ft.message-missing-key', '{"content":"a"}'],
    ]);
    assert.deepEqual(located('{"msgs":[]}'), [
      ['ft.unknown-key', '"msgs"'],
      ['ft.missing-messages', '{"msgs":[]}'],
    ]);
  });

  it('point inside nested tool calls and images', () => {
    const args =
      '{"messages":[{"role":"user","content":"a"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}';
    assert.deepEqual(located(args), [['ft.tool-arguments', '"{oops"']]);
    const detail =
      '{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x.io/a.png","detail":"max"}}]},{"role":"assistant","content":"b"}]}';
    assert.deepEqual(located(detail), [['ft.image-detail', '"max"']]);
  });

  it('shift by one character after a BOM', () => {
    const text = '\uFEFF{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}],"x":1}';
    assert.deepEqual(located(text), [
      ['ft.bom', '\uFEFF'],
      ['ft.unknown-key', '"x"'],
    ]);
  });

  it('count characters in UTF-16 units, as editors do', () => {
    const text = '{"messages":[{"role":"user","content":"😀 é"},{"role":"assistant","content":"b"}],"x":1}';
    assert.deepEqual(located(text), [['ft.unknown-key', '"x"']]);
    const problem = analyzeLine(text, 0, 'chat').problems[0];
    assert.equal(problem?.range.start.character, text.indexOf('"x"'));
  });

  it('use the line number given', () => {
    const problems = analyzeLine('[]', 41, 'chat').problems;
    assert.deepEqual(
      problems.map((p) => p.range),
      [{ start: { line: 41, character: 0 }, end: { line: 41, character: 2 } }],
    );
  });
});
