import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { countKeysInText, countMembers } from '../../../src/core/validation/jsonStructure';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import { TempFolder } from '../curate/tempFiles';
import { padding } from './helpers';

/** `[code, start, end, covered text]` of a line's problems with `code`. */
function spans(text: string, code: string): [number, number, string][] {
  return analyzeLine(text, 0, 'chat')
    .problems.filter((p) => p.code === code)
    .map((p) => [
      p.range.start.character,
      p.range.end.character,
      text.slice(p.range.start.character, p.range.end.character),
    ]);
}

describe('problems JSON.parse hides', () => {
  it('duplicate keys: a warning at each repeated key, in any object, not at the first one', () => {
    const text =
      '{"messages":[{"role":"user","role":"user","content":"a"},{"role":"assistant","content":"b"}],"messages":[]}';
    const found = spans(text, 'ft.duplicate-key');
    assert.deepEqual(found, [
      [text.indexOf('"role"', 20), text.indexOf('"role"', 20) + 6, '"role"'],
      [text.lastIndexOf('"messages"'), text.lastIndexOf('"messages"') + 10, '"messages"'],
    ]);
    assert.equal(analyzeLine(text, 0, 'chat').problems.find((p) => p.code === 'ft.duplicate-key')?.severity, 'warning');
  });

  it('duplicate keys: equal after unescaping counts; same key in different objects does not; a BOM shifts the range', () => {
    assert.deepEqual(spans('{"a":1,"\\u0061":2}', 'ft.duplicate-key'), [[7, 15, '"\\u0061"']]);
    assert.deepEqual(spans('{"a":{"a":1},"b":{"a":2}}', 'ft.duplicate-key'), []);
    assert.deepEqual(spans('\uFEFF{"a":1,"a":2}', 'ft.duplicate-key'), [[8, 11, '"a"']]);
    assert.deepEqual(spans('{"a\\"":1,"a\\\\":2, "k": "\\":"}', 'ft.duplicate-key'), []);
  });

  it('lone surrogates: escaped or raw, high or low, at the exact characters; pairs are fine', () => {
    const text =
      '{"messages":[{"role":"user","content":"a\\ud83d b\\ude00 \\ud83d\\ude00 \\uD800"},{"role":"assistant","content":"\udc00"}]}';
    assert.deepEqual(
      spans(text, 'ft.lone-surrogate').map(([, , covered]) => covered),
      ['\\ud83d', '\\ude00', '\\uD800', '\udc00'],
    );
    assert.deepEqual(spans('{"k":"\\\\ud800"}', 'ft.lone-surrogate'), [], 'an escaped backslash is not an escape');
    assert.deepEqual(spans('{"\\udfff":1}', 'ft.lone-surrogate'), [[2, 8, '\\udfff']], 'keys too');
  });

  it('never reports a repeated key or a lone surrogate on JSON that JSON.stringify wrote (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (value, space) => {
        const text = JSON.stringify({ messages: [], value }, null, space).replace(/\n/g, ' ');
        assert.equal(countKeysInText(text), countMembers(JSON.parse(text)));
        const codes = analyzeLine(text, 0, 'chat').problems.map((p) => p.code);
        assert.ok(!codes.includes('ft.duplicate-key') && !codes.includes('ft.lone-surrogate'), codes.join());
      }),
      { numRuns: 300 },
    );
  });

  it('the file pipeline reports both, like the editor', async () => {
    const temp = new TempFolder();
    try {
      const lines = [
        ...padding('chat'),
        '{"messages":[],"messages":[{"role":"user","content":"\\udbff"},{"role":"assistant","content":"b"}]}',
      ];
      const result = await validateFile(temp.file(`${lines.join('\n')}\n`));
      assert.deepEqual(
        result.problems.map((p) => `${p.range.start.line}:${p.range.start.character}:${p.code}`),
        ['10:15:ft.duplicate-key', '10:53:ft.lone-surrogate'],
      );
    } finally {
      temp.remove();
    }
  });
});
