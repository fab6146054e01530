import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DatasetAnalysis, type TextSource } from '../../../src/core/analysis/datasetAnalysis';
import { createTokenCounter } from '../../../src/core/analysis/lineTokens';
import type { Problem } from '../../../src/core/problem';
import { validateText } from '../../../src/core/validation/validateText';

const chat = (user: string, answer: string) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: answer },
    ],
  });

/** Every problem as one comparable string, including message and related lines. */
const key = (p: Problem) =>
  `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.severity} ${p.code} ${p.message} [${(p.related ?? []).map((r) => r.range.start.line).join(',')}]`;
const keys = (problems: readonly Problem[]) => problems.map(key).sort();

function source(lines: string[]): TextSource {
  return { lineCount: lines.length, lineText: (i) => lines[i]! };
}

/** Applies one edit to both the line array and the analysis, as an editor's change event would. */
function edit(lines: string[], analysis: DatasetAnalysis, start: number, removed: number, inserted: string[]): void {
  lines.splice(start, removed, ...inserted);
  analysis.applyChanges([{ startLine: start, endLine: start + removed - 1, newLineCount: inserted.length }]);
}

describe('DatasetAnalysis (incremental)', () => {
  const base = [
    chat('reset my password', 'Use the link on the sign-in page.'),
    chat('reset my password', 'Call us.'),
    chat('cancel order', 'Done.'),
    chat('cancel order', 'Done.'),
    '',
    '{"messages": [}',
    ...Array.from({ length: 10 }, (_, i) => chat(`question ${i}`, `answer ${i}`)),
  ];

  it('finds the same problems as validating the whole text', () => {
    const analysis = new DatasetAnalysis({ format: undefined, severities: {}, tokens: undefined });
    const snapshot = analysis.refresh(source(base));
    assert.deepEqual(keys(snapshot.problems), keys(validateText(`${base.join('\n')}\n`).problems));
    assert.ok(snapshot.problems.some((p) => p.code === 'ft.duplicate-example' && p.range.start.line === 3));
    assert.ok(snapshot.problems.some((p) => p.code === 'ft.conflicting-answers' && p.range.start.line === 1));
  });

  it('re-analyses only the edited line and moves the others', () => {
    const lines = [...base];
    const analysis = new DatasetAnalysis({ format: undefined, severities: {}, tokens: undefined });
    analysis.refresh(source(lines));
    edit(lines, analysis, 0, 0, [chat('cancel order', 'Done.')]);
    const snapshot = analysis.refresh(source(lines));
    assert.equal(snapshot.reanalysed, 1);
    assert.deepEqual(keys(snapshot.problems), keys(validateText(`${lines.join('\n')}\n`).problems));
    const duplicates = snapshot.problems
      .filter((p) => p.code === 'ft.duplicate-example')
      .map((p) => p.range.start.line);
    assert.deepEqual(duplicates, [3, 4]);
  });

  it('stays equal to a full validation over any sequence of edits, totals included (property)', () => {
    const counter = createTokenCounter('gpt-4o-mini', 65_536);
    const pool = [
      chat('a', '1'),
      chat('a', '2'),
      chat('b', '1'),
      chat('b', '1'),
      '',
      '{"messages": 5}',
      '{oops',
      chat('c', '3'),
      '{"prompt": "p", "completion": " c"}',
      '{"prompt": "q", "completion": "d"}',
      '{"messages": [{"role": "user", "content": "grade me"}], "reference": "x"}',
      '{"messages": [{"role": "user", "content": "again"}]}',
    ];
    const editArb = fc.record({
      start: fc.nat(),
      removed: fc.nat({ max: 3 }),
      inserted: fc.array(fc.constantFrom(...pool), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 14 }),
        fc.array(editArb, { maxLength: 6 }),
        (initial, edits) => {
          const lines = [...initial];
          const analysis = new DatasetAnalysis({ format: undefined, severities: {}, tokens: counter });
          analysis.refresh(source(lines));
          for (const e of edits) {
            const start = e.start % lines.length;
            const removed = Math.min(Math.max(1, e.removed), lines.length - start);
            // An edit always leaves at least one line, as a document always has one.
            const inserted = removed === lines.length && e.inserted.length === 0 ? [''] : e.inserted;
            edit(lines, analysis, start, removed, inserted);
            assert.deepEqual(
              keys(analysis.refresh(source(lines)).problems),
              keys(validateText(`${lines.join('\n')}\n`).problems),
            );
            const fresh = new DatasetAnalysis({ format: undefined, severities: {}, tokens: counter });
            fresh.refresh(source(lines));
            assert.deepEqual(analysis.totals(), fresh.totals());
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
