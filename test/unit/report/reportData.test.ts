import * as assert from 'node:assert/strict';
import { lineRange, type Problem, type Severity } from '../../../src/core/problem';
import { buildReport, fileProblemCounts, problemCounts } from '../../../src/core/report/reportData';
import { computeStats } from '../../../src/core/stats/statsAccumulator';

const problem = (code: string, severity: Severity, line: number): Problem => ({
  code,
  severity,
  message: code,
  range: lineRange(line, 0, 1),
});

describe('report data', () => {
  it('counts problems per code, errors first, then by count, each with its first line', () => {
    const counts = problemCounts([
      problem('ft.blank-line', 'warning', 7),
      problem('ft.blank-line', 'warning', 3),
      problem('ft.blank-line', 'warning', 9),
      problem('ft.json-syntax', 'error', 5),
      problem('x.unknown', 'info', 0),
    ]);

    assert.deepEqual(counts, [
      { code: 'ft.json-syntax', title: 'Invalid JSON', severity: 'error', count: 1, firstLine: 5 },
      { code: 'ft.blank-line', title: 'Blank line', severity: 'warning', count: 3, firstLine: 3 },
      { code: 'x.unknown', title: 'x.unknown', severity: 'info', count: 1, firstLine: 0 },
    ]);
  });

  it('builds the report from statistics and problems, with zeros for an empty dataset', () => {
    const stats = computeStats([], { model: 'my-model', limit: 100 });

    const report = buildReport('data.jsonl', { format: undefined, problems: [problem('ft.bom', 'error', 0)] }, stats);

    assert.equal(report.fileName, 'data.jsonl');
    assert.equal(report.format, 'not detected');
    assert.equal(report.model, 'my-model');
    assert.equal(report.models[0], 'my-model', 'an unlisted model stays selectable');
    assert.equal(report.examples, 0);
    assert.deepEqual(report.totalTokensPerExample, { min: 0, max: 0, mean: 0, median: 0, p5: 0, p95: 0 });
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.count]),
      [['ft.bom', 1]],
    );
  });

  it('counts a validated file by its full counts, of which only the first problems were kept', () => {
    const counts = fileProblemCounts({
      problems: [problem('ft.blank-line', 'warning', 4), problem('ft.blank-line', 'warning', 2)],
      counts: { 'ft.blank-line': 250 },
    });

    assert.deepEqual(counts, [
      { code: 'ft.blank-line', title: 'Blank line', severity: 'warning', count: 250, firstLine: 2 },
    ]);
  });
});
