import { resolve } from 'node:path';
import { dedupeDataset } from '../../core/curate/dedupe';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

/** `finetune-studio dedupe`: drops repeated examples, keeping the first occurrence. */
export const dedupeCommand: CliCommand = {
  name: 'dedupe',
  summary: 'Remove duplicate examples from a JSONL file (normalised by default, or exact), keeping the first of each.',
  usage: 'finetune-studio dedupe INPUT [--mode normalized|exact] [-o OUT] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      mode: { type: 'string' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const mode = values.mode ?? 'normalized';
    if (mode !== 'exact' && mode !== 'normalized')
      throw new UsageError(`--mode must be exact or normalized, not ${mode}.`);
    const input = resolve(io.cwd, positionals[0]!);
    const output = resolve(io.cwd, values.output ?? outputPathFor(input, 'dedup'));

    return runReported(
      io,
      values.json,
      () => dedupeDataset({ input, output, mode }),
      (report) => `Deduplicated ${input} (${mode}).\n${formatCurationReport(report)}`,
    );
  },
};
