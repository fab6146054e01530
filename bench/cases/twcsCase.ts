import { rmSync } from 'node:fs';
import { ensureTwcsFile } from '../generate/twcsFile';
import { dataPath } from '../lib/dataFiles';
import { runChild, type ChildReport } from '../lib/childProcess';
import { megabytes, seconds, times, type CaseRow } from '../lib/results';
import type { BenchContext } from './context';

async function fasterChild(context: BenchContext, label: string, run: () => Promise<ChildReport>): Promise<{ best: ChildReport; runs: ChildReport[] }> {
  const runs: ChildReport[] = [];
  for (let at = 0; at < 2; at++) {
    runs.push(await run());
    context.note(`  ${label} run ${at + 1}: ${seconds(runs[at]!.ms)}, peak RSS ${megabytes(runs[at]!.maxRssKb)}`);
  }
  return { best: runs.reduce((a, b) => (b.ms < a.ms ? b : a)), runs };
}

/** Case 5: TWCS → chat JSONL (all cleaning options, system prompt, written to disk) against a bare csv-parse pass. */
export async function twcsCase(context: BenchContext): Promise<CaseRow[]> {
  const input = await context.generated('1 M-row twcs.csv', ensureTwcsFile);
  const output = dataPath('twcs-chat.jsonl');
  const baseline = await fasterChild(context, 'csv-parse', () => runChild('csvParseChild', [input]));
  const ours = await fasterChild(context, 'convert', () => runChild('twcsConvertChild', [input, output]));
  rmSync(output, { force: true });
  const throughput = baseline.best.ms / ours.best.ms;
  const oursPeakKb = Math.max(...ours.runs.map((run) => run.maxRssKb));
  const baselinePeakKb = Math.max(...baseline.runs.map((run) => run.maxRssKb));
  return [
    {
      id: '5',
      name: 'TWCS→chat (1 M rows), throughput vs bare csv-parse',
      baseline: seconds(baseline.best.ms),
      ours: seconds(ours.best.ms),
      ratio: times(throughput),
      measured: throughput,
      target: { label: '≥ 0.50× throughput', value: 0.5, atMost: false },
      details: { baselineRunsMs: baseline.runs.map((run) => run.ms), oursRunsMs: ours.runs.map((run) => run.ms), records: baseline.best.records, convert: ours.best },
    },
    {
      id: '5-rss',
      name: 'TWCS→chat peak RSS (baseline column: csv-parse RSS)',
      baseline: megabytes(baselinePeakKb),
      ours: megabytes(oursPeakKb),
      ratio: times(oursPeakKb / baselinePeakKb),
      measured: oursPeakKb / 1024,
      target: { label: '≤ 512 MB RSS', value: 512, atMost: true },
      rss: megabytes(oursPeakKb),
    },
  ];
}
