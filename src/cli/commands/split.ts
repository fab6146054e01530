import { splitDataset } from '../../core/curate/split';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { FORCE_OPTION, checkOutputArgs, inputPathArg, outputPathArg } from '../fileArgs';
import { numberOption } from '../numberOption';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

/** `finetune-studio split`: training/validation split by whole example, no duplicate across the two files. */
export const splitCommand: CliCommand = {
  name: 'split',
  summary: 'Split a JSONL file into training and validation files, keeping duplicates on one side.',
  usage: [
    'finetune-studio split INPUT [--ratio 0.9] [--seed 42] [--train OUT] [--validation OUT] [--force] [--json]',
    '  --train, --validation  output files (default INPUT.train.jsonl, INPUT.validation.jsonl); a path ending in /',
    '                         is a folder to write the default name into',
    '  --force, -f            replace existing output files (otherwise refused)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      ratio: { type: 'string' },
      seed: { type: 'string' },
      train: { type: 'string' },
      validation: { type: 'string' },
      json: { type: 'boolean' },
      ...FORCE_OPTION,
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const ratio = numberOption(
      values.ratio,
      '--ratio',
      { min: 0, max: 1, exclusive: true, expected: 'a number between 0 and 1 (exclusive), e.g. 0.9' },
      0.9,
    );
    const seed = numberOption(values.seed, '--seed', { integer: true, expected: 'a whole number' }, 42);
    const input = inputPathArg(io, positionals[0]!);
    const trainPath = outputPathArg(io, values.train, outputPathFor(input, 'train'));
    const validationPath = outputPathArg(io, values.validation, outputPathFor(input, 'validation'));
    if (trainPath === validationPath) throw new UsageError('--train and --validation must be different files.');
    await checkOutputArgs([trainPath, validationPath], [input], values.force);

    return runReported(
      io,
      values.json,
      () => splitDataset({ input, trainPath, validationPath, ratio, seed, signal: io.signal }),
      (report) => `Split ${input} (ratio ${ratio}, seed ${seed}).\n${formatCurationReport(report)}`,
    );
  },
};
