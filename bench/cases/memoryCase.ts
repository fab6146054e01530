import { statSync } from 'node:fs';
import { ensureChatFile } from '../generate/chatFile';
import { runChildTwice } from '../lib/childProcess';
import { megabytes, seconds, type CaseRow } from '../lib/results';
import type { BenchContext } from './context';

/** Case 4: peak RSS (worker threads included) of validateFile with tokens and 2 workers on a 1 GB file, in a child. */
export async function memoryCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.generated('1 GB chat JSONL', () => ensureChatFile('big'));
  const { best: fastest, runs } = await runChildTwice('validateChild', [path, context.workerPath, '2', 'gpt-4o-mini'], (run, at) =>
    context.note(`  run ${at + 1}: ${seconds(run.ms)}, peak RSS ${megabytes(run.maxRssKb)}`),
  );
  const peakKb = Math.max(...runs.map((run) => run.maxRssKb));
  return [
    {
      id: '4',
      name: `peak RSS, 1 GB file, tokens + 2 workers (${(statSync(path).size / 1e9).toFixed(2)} GB)`,
      baseline: '',
      ours: seconds(fastest.ms),
      ratio: '',
      measured: peakKb / 1024,
      target: { label: '≤ 200 MB RSS', value: 200, atMost: true },
      rss: megabytes(peakKb),
      details: { runsMs: runs.map((run) => run.ms), runsMaxRssKb: runs.map((run) => run.maxRssKb), fastest },
    },
  ];
}
