import { fileChunks } from '../../src/core/io/fileChunks';
import { validateFile } from '../../src/core/pipeline/validateFile';
import { validateByteStream } from '../../src/core/validation/validateStream';
import { seconds, times, type CaseRow } from '../lib/results';
import { fasterOfTwo } from '../lib/timing';
import type { BenchContext } from './context';

const TARGET = { label: '≤ 1.30× floor', value: 1.3, atMost: true };

/** Case 1: structural validation (no tokens) of the 200 MB file against the parse floor. */
export async function structuralCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.chatFile();
  const floor = await context.floor();
  context.note(`  floor ${seconds(floor.ms)} (${floor.value.lines} lines, ${floor.value.lines - floor.value.parsed} unparsable)`);
  const single = await fasterOfTwo(() => validateByteStream(fileChunks(path)));
  context.note(`  validateByteStream ${seconds(single.ms)}`);
  const parallel = await fasterOfTwo(() => validateFile(path, { workerPath: context.workerPath, workers: 2 }));
  context.note(`  validateFile, 2 workers ${seconds(parallel.ms)}`);
  const row = (id: string, name: string, run: typeof single | typeof parallel): CaseRow => ({
    id,
    name,
    baseline: seconds(floor.ms),
    ours: seconds(run.ms),
    ratio: times(run.ms / floor.ms),
    measured: run.ms / floor.ms,
    target: TARGET,
    details: { floorRunsMs: floor.runsMs, oursRunsMs: run.runsMs, lines: run.value.lines, examples: run.value.examples, counts: run.value.counts },
  });
  return [row('1a', 'structural, validateByteStream (1 thread)', single), row('1b', 'structural, validateFile (2 workers)', parallel)];
}
