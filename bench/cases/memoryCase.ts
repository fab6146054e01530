import { statSync } from 'node:fs';
import { ensureChatFile } from '../generate/chatFile';
import { runChildTwice } from '../lib/childProcess';
import { megabytes, seconds, type CaseRow } from '../lib/results';
import type { BenchContext } from './context';

/** Case 4: peak RSS (worker threads included) of validateFile with 2 workers on a 1 GB file, in a child: with tokens, and structural only. */
export async function memoryCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.generated('1 GB chat JSONL', () => ensureChatFile('big'));
  const gigabytes = (statSync(path).size / 1e9).toFixed(2);
  const row = async (id: string, label: string, model: string[]): Promise<CaseRow> => {
    const { best: fastest, runs } = await runChildTwice(
      'validateChild',
      [path, context.workerPath, '2', ...model],
      (run, at) => context.note(`  ${label}, run ${at + 1}: ${seconds(run.ms)}, peak RSS ${megabytes(run.maxRssKb)}`),
    );
    const peakKb = Math.max(...runs.map((run) => run.maxRssKb));
    return {
      id,
      name: `peak RSS, 1 GB file, ${label} + 2 workers (${gigabytes} GB)`,
      baseline: '',
      ours: seconds(fastest.ms),
      ratio: '',
      measured: peakKb / 1024,
      target: { label: '≤ 200 MB RSS', value: 200, atMost: true },
      rss: megabytes(peakKb),
      details: { runsMs: runs.map((run) => run.ms), runsMaxRssKb: runs.map((run) => run.maxRssKb), fastest },
    };
  };
  return [await row('4', 'tokens', ['gpt-4o-mini']), await row('4-structural', 'structural', [])];
}
