// Child: validateFile on one file, reporting time and peak RSS. Args: FILE WORKER_PATH WORKERS [MODEL]
import { validateFile } from '../../src/core/pipeline/validateFile';
import { printReport, runMain } from './childReport';

runMain(async () => {
  const [file, workerPath, workers, model] = process.argv.slice(2);
  if (file === undefined || workerPath === undefined || workers === undefined)
    throw new Error('usage: validateChild FILE WORKER_PATH WORKERS [MODEL]');
  const started = performance.now();
  const result = await validateFile(file, { workerPath, workers: Number(workers), model });
  const ms = performance.now() - started;
  printReport(ms, {
    lines: result.lines,
    examples: result.examples,
    counts: result.counts,
    totalTokens: result.stats?.totalTokens,
  });
});
