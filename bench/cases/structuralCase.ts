import { validateFile, type FileValidation } from '../../src/core/pipeline/validateFile';
import { seconds, times, type CaseRow } from '../lib/results';
import { fastestInterleaved, type Timed } from '../lib/timing';
import { parseFloor, type PassCount } from './baselines';
import type { BenchContext } from './context';

const TARGET = { label: '≤ 1.30× floor', value: 1.3, atMost: true };

/** Case 1: structural validation (no tokens) of the 200 MB file against the parse floor, measured in turns. */
export async function structuralCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.chatFile();
  // Floor and ours take turns, three rounds, fastest of each: the ratio then compares runs on the same machine state.
  const [floorRun, singleRun, parallelRun] = await fastestInterleaved<PassCount | FileValidation>(3, [
    () => parseFloor(path),
    () => validateFile(path),
    () => validateFile(path, { workerPath: context.workerPath, workers: 2 }),
  ]);
  const floor = floorRun as Timed<PassCount>;
  const single = singleRun as Timed<FileValidation>;
  const parallel = parallelRun as Timed<FileValidation>;
  context.note(
    `  floor ${seconds(floor.ms)} (${floor.value.lines} lines, ${floor.value.lines - floor.value.parsed} unparsable)`,
  );
  context.note(`  validateFile, 1 thread ${seconds(single.ms)}`);
  context.note(`  validateFile, 2 workers ${seconds(parallel.ms)}`);
  const row = (id: string, name: string, run: Timed<FileValidation>): CaseRow => ({
    id,
    name,
    baseline: seconds(floor.ms),
    ours: seconds(run.ms),
    ratio: times(run.ms / floor.ms),
    measured: run.ms / floor.ms,
    target: TARGET,
    details: {
      floorRunsMs: floor.runsMs,
      oursRunsMs: run.runsMs,
      lines: run.value.lines,
      examples: run.value.examples,
      counts: run.value.counts,
    },
  });
  return [
    row('1a', 'structural, validateFile (1 thread)', single),
    row('1b', 'structural, validateFile (2 workers)', parallel),
  ];
}
