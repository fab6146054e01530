import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitDataset } from '../../core/curate/split';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { ProtectedPathError } from '../../core/io/protectedPaths';
import { UsageError, type CliCommand } from '../command';

/** `finetune-studio split`: training/validation split by whole example, no duplicate across the two files. */
export const splitCommand: CliCommand = {
  name: 'split',
  summary: 'Split a JSONL file into training and validation files, keeping duplicates on one side.',
  usage: 'finetune-studio split INPUT [--ratio 0.9] [--seed 42] [--train OUT] [--validation OUT] [--json]',
  async run(args, io) {
    const { values, positionals } = parseSplitArgs(args);
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const ratio = Number(values.ratio ?? '0.9');
    if (!(ratio > 0 && ratio < 1)) throw new UsageError(`--ratio must be between 0 and 1 (exclusive), not ${values.ratio}.`);
    const seed = Number(values.seed ?? '42');
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, not ${values.seed}.`);
    const input = resolve(io.cwd, positionals[0]!);
    const trainPath = resolve(io.cwd, values.train ?? outputPathFor(input, 'train'));
    const validationPath = resolve(io.cwd, values.validation ?? outputPathFor(input, 'validation'));
    if (trainPath === validationPath) throw new UsageError('--train and --validation must be different files.');

    let report;
    try {
      report = await splitDataset({ input, trainPath, validationPath, ratio, seed });
    } catch (error) {
      if (error instanceof ProtectedPathError) throw new UsageError(error.message);
      io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const title = `Split ${input} (ratio ${ratio}, seed ${seed}).\n`;
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : title + formatCurationReport(report));
    return report.written === 0 ? 1 : 0;
  },
};

function parseSplitArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        ratio: { type: 'string' },
        seed: { type: 'string' },
        train: { type: 'string' },
        validation: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
