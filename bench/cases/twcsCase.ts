import { rmSync } from 'node:fs';
import { ensureTwcsFile } from '../generate/twcsFile';
import { dataPath } from '../lib/dataFiles';
import { runChildTwice, type ChildReport } from '../lib/childProcess';
import { megabytes, seconds, times, type CaseRow } from '../lib/results';
import type { BenchContext } from './context';

function noteRun(context: BenchContext, label: string): (run: ChildReport, at: number) => void {
  return (run, at) => context.note(`  ${label} run ${at + 1}: ${seconds(run.ms)}, peak RSS ${megabytes(run.maxRssKb)}`);
}

/** Case 5: TWCS → chat JSONL (all cleaning options, system prompt, written to disk) against a bare csv-parse pass. */
export async function twcsCase(context: BenchContext): Promise<CaseRow[]> {
  const input = await context.generated('1 M-row twcs.csv', ensureTwcsFile);
  const output = dataPath('twcs-chat.jsonl');
  const baseline = await runChildTwice('csvParseChild', [input], noteRun(context, 'csv-parse'));
  const ours = await runChildTwice('twcsConvertChild', [input, output], noteRun(context, 'convert'));
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
      details: {
        baselineRunsMs: baseline.runs.map((run) => run.ms),
        oursRunsMs: ours.runs.map((run) => run.ms),
        records: baseline.best.records,
        convert: ours.best,
      },
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
