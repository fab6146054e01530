import { dedupeDataset } from '../../core/curate/dedupe';
import { DUPLICATE_MODE_MEANINGS, DUPLICATE_MODES, type DuplicateMode } from '../../core/curate/exampleKey';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { FORCE_OPTION, checkOutputArgs, inputPathArg, outputPathArg } from '../fileArgs';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

/** `finetune-studio dedupe`: drops repeated examples, keeping the first occurrence. */
export const dedupeCommand: CliCommand = {
  name: 'dedupe',
  summary:
    'Remove duplicate examples from a JSONL file (the duplicates validation reports), keeping the first of each.',
  usage: [
    `finetune-studio dedupe INPUT [--mode ${DUPLICATE_MODES.join('|')}] [-o OUT] [--force] [--json]`,
    ...DUPLICATE_MODES.map(
      (mode, i) => `  --mode ${mode.padEnd(10)} ${DUPLICATE_MODE_MEANINGS[mode]}${i === 0 ? ' (default)' : ''}`,
    ),
    '  -o OUT             output file (default INPUT.dedup.jsonl); a path ending in / is a folder to write into',
    '  --force, -f        replace an existing output file (otherwise refused)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      mode: { type: 'string' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      ...FORCE_OPTION,
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const mode = (values.mode ?? DUPLICATE_MODES[0]!) as DuplicateMode;
    if (!DUPLICATE_MODES.includes(mode))
      throw new UsageError(`--mode must be one of ${DUPLICATE_MODES.join(', ')}, not ${JSON.stringify(values.mode)}.`);
    const input = inputPathArg(io, positionals[0]!);
    const output = outputPathArg(io, values.output, outputPathFor(input, 'dedup'));
    await checkOutputArgs([output], [input], values.force);

    return runReported(
      io,
      values.json,
      () => dedupeDataset({ input, output, mode, signal: io.signal }),
      (report) => `Deduplicated ${input} (--mode ${mode}).\n${formatCurationReport(report)}`,
    );
  },
};
