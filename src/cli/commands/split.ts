import { resolve } from 'node:path';
import { splitDataset } from '../../core/curate/split';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

/** `finetune-studio split`: training/validation split by whole example, no duplicate across the two files. */
export const splitCommand: CliCommand = {
  name: 'split',
  summary: 'Split a JSONL file into training and validation files, keeping duplicates on one side.',
  usage: 'finetune-studio split INPUT [--ratio 0.9] [--seed 42] [--train OUT] [--validation OUT] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      ratio: { type: 'string' },
      seed: { type: 'string' },
      train: { type: 'string' },
      validation: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const ratio = Number(values.ratio ?? '0.9');
    if (!(ratio > 0 && ratio < 1))
      throw new UsageError(`--ratio must be between 0 and 1 (exclusive), not ${values.ratio}.`);
    const seed = Number(values.seed ?? '42');
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, not ${values.seed}.`);
    const input = resolve(io.cwd, positionals[0]!);
    const trainPath = resolve(io.cwd, values.train ?? outputPathFor(input, 'train'));
    const validationPath = resolve(io.cwd, values.validation ?? outputPathFor(input, 'validation'));
    if (trainPath === validationPath) throw new UsageError('--train and --validation must be different files.');

    return runReported(
      io,
      values.json,
      () => splitDataset({ input, trainPath, validationPath, ratio, seed }),
      (report) => `Split ${input} (ratio ${ratio}, seed ${seed}).\n${formatCurationReport(report)}`,
    );
  },
};
