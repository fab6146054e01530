import * as assert from 'node:assert/strict';
import type { DatasetFormat } from '../../../src/core/format/datasetFormat';
import { CODES } from '../../../src/core/validation/codes';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';
import { quickFixes } from '../../../src/core/validation/quickFixes';
import { applyToLine } from './helpers';

/** Fixes the first problem with `code` on `text` (analysed as line 4) and returns the title and the fixed line. */
function fix(text: string, code: string, format: DatasetFormat = 'chat'): [string, string] {
  const problem = analyzeLine(text, 4, format).problems.find((p) => p.code === code);
  assert.ok(problem, `no ${code}`);
  const fixes = quickFixes(problem, text);
  assert.equal(fixes.length, 1);
  const [only] = fixes;
  assert.ok(only);
  for (const edit of only.edits) assert.equal(edit.range.start.line, 4);
  const fixed = applyToLine(text, only.edits);
  assert.ok(
    !analyzeLine(fixed, 4, format).problems.some((p) => p.code === code),
    `${code} still reported after the fix`,
  );
  return [only.title, fixed];
}

const A = '{"role":"assistant","content":"b"}';

describe('quick fixes', () => {
  it('exist for exactly the codes the registry marks fixable (each tested below)', () => {
    const fixable = Object.entries(CODES)
      .filter(([, info]) => info.fixable)
      .map(([code]) => code)
      .sort();
    assert.deepEqual(fixable, [
      'ft.blank-line',
      'ft.bom',
      'ft.completion-leading-space',
      'ft.duplicate-key',
      'ft.image-detail',
      'ft.legacy-preference-key',
      'ft.lone-surrogate',
      'ft.message-unrecognized-key',
      'ft.role-case',
      'ft.trailing-comma',
      'ft.unknown-key',
      'ft.weight-role',
    ]);
  });

  it('deletes a blank line with its line break', () => {
    const problem = analyzeLine('  ', 3, 'chat').problems[0];
    assert.ok(problem);
    assert.deepEqual(quickFixes(problem, '  '), [
      {
        title: 'Delete blank line',
        edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '' }],
      },
    ]);
  });

  it('removes a byte order mark', () => {
    assert.deepEqual(fix(`\uFEFF{"messages":[{"role":"user","content":"a"},${A}]}`, 'ft.bom'), [
      'Remove byte order mark',
      `{"messages":[{"role":"user","content":"a"},${A}]}`,
    ]);
  });

  it('removes a trailing comma', () => {
    assert.deepEqual(fix(`{"messages":[{"role":"user","content":"a"},${A},]}`, 'ft.trailing-comma'), [
      'Remove trailing comma',
      `{"messages":[{"role":"user","content":"a"},${A}]}`,
    ]);
    assert.deepEqual(fix(`{"messages":[{"role":"user","content":"a"},${A}] , }`, 'ft.trailing-comma'), [
      'Remove trailing comma',
      `{"messages":[{"role":"user","content":"a"},${A}]  }`,
    ]);
  });

  it('lowercases a role', () => {
    assert.deepEqual(fix(`{"messages":[{"role":"USER","content":"a"},${A}]}`, 'ft.role-case'), [
      'Change role to "user"',
      `{"messages":[{"role":"user","content":"a"},${A}]}`,
    ]);
  });

  it('lowercases an image detail only when that makes it valid', () => {
    const line = (detail: string) =>
      `{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x.io/a.png","detail":"${detail}"}}]},${A}]}`;
    assert.deepEqual(fix(line('High'), 'ft.image-detail'), ['Change detail to "high"', line('high')]);
    const problem = analyzeLine(line('ultra'), 4, 'chat').problems[0];
    assert.ok(problem);
    assert.deepEqual(quickFixes(problem, line('ultra')), []);
  });

  it('renames an old preference key, or removes it when the new one exists', () => {
    const rest =
      '"input":{"messages":[{"role":"user","content":"q"}]},"non_preferred_output":[{"role":"assistant","content":"n"}]';
    assert.deepEqual(
      fix(
        `{${rest},"preferred_completion":[{"role":"assistant","content":"p"}]}`,
        'ft.legacy-preference-key',
        'preference',
      ),
      ['Rename to "preferred_output"', `{${rest},"preferred_output":[{"role":"assistant","content":"p"}]}`],
    );
    const both = `{"preferred_completion":[],${rest},"preferred_output":[{"role":"assistant","content":"p"}]}`;
    assert.deepEqual(fix(both, 'ft.legacy-preference-key', 'preference'), [
      'Remove "preferred_completion"',
      `{${rest},"preferred_output":[{"role":"assistant","content":"p"}]}`,
    ]);
  });

  it('removes an unknown top-level key in the middle, at the end, or alone, keeping valid JSON', () => {
    const messages = `"messages":[{"role":"user","content":"a"},${A}]`;
    assert.deepEqual(fix(`{"id": 1, ${messages}}`, 'ft.unknown-key'), ['Remove "id"', `{${messages}}`]);
    assert.deepEqual(fix(`{${messages} , "meta": {"a": [1]} }`, 'ft.unknown-key'), ['Remove "meta"', `{${messages} }`]);
    assert.deepEqual(fix('{"only": true}', 'ft.unknown-key'), ['Remove "only"', '{}']);
    assert.deepEqual(fix(`\uFEFF{${messages},"x":1}`, 'ft.unknown-key'), ['Remove "x"', `\uFEFF{${messages}}`]);
  });

  it('removes an unrecognized message key and a weight on a non-assistant message', () => {
    assert.deepEqual(
      fix(`{"messages":[{"role":"user","mood":"ok","content":"a"},${A}]}`, 'ft.message-unrecognized-key'),
      ['Remove "mood"', `{"messages":[{"role":"user","content":"a"},${A}]}`],
    );
    assert.deepEqual(fix(`{"messages":[{"role":"user","content":"a","weight":1},${A}]}`, 'ft.weight-role'), [
      'Remove "weight"',
      `{"messages":[{"role":"user","content":"a"},${A}]}`,
    ]);
  });

  it('removes the earlier of two repeated keys, keeping the value the API would use', () => {
    assert.deepEqual(fix(`{"messages":[{"role":"user","content":"old","content":"new"},${A}]}`, 'ft.duplicate-key'), [
      'Remove the earlier "content" (the API keeps this one)',
      `{"messages":[{"role":"user","content":"new"},${A}]}`,
    ]);
  });

  it('replaces an unpaired surrogate escape or raw surrogate with U+FFFD', () => {
    assert.deepEqual(fix(`{"messages":[{"role":"user","content":"x\\ud800y"},${A}]}`, 'ft.lone-surrogate'), [
      'Replace with U+FFFD (replacement character)',
      `{"messages":[{"role":"user","content":"x\\ufffdy"},${A}]}`,
    ]);
    assert.deepEqual(
      fix(`{"messages":[{"role":"user","content":"x\udc00"},${A}]}`, 'ft.lone-surrogate')[1],
      `{"messages":[{"role":"user","content":"x\\ufffd"},${A}]}`,
    );
  });

  it('starts a completion with a space', () => {
    assert.deepEqual(fix('{"prompt":"Q ->","completion":"yes END"}', 'ft.completion-leading-space', 'completion'), [
      'Start the completion with a space',
      '{"prompt":"Q ->","completion":" yes END"}',
    ]);
  });

  it('offers nothing when the line changed since the problem was reported', () => {
    const problem = analyzeLine(`{"messages":[{"role":"User","content":"a"},${A}]}`, 0, 'chat').problems[0];
    assert.ok(problem);
    assert.deepEqual(quickFixes(problem, 'something else entirely'), []);
    assert.deepEqual(quickFixes({ ...problem, code: 'ft.unknown-key' }, '{"a":1}'), []);
  });

  it('offers nothing for codes without a mechanical fix', () => {
    const problem = analyzeLine('{"messages":[]}', 0, 'chat').problems[0];
    assert.ok(problem);
    assert.deepEqual(quickFixes(problem, '{"messages":[]}'), []);
  });
});
