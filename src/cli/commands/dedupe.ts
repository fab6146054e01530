import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dedupeDataset } from '../../core/curate/dedupe';
import { formatCurationReport } from '../../core/curate/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { ProtectedPathError } from '../../core/io/protectedPaths';
import { UsageError, type CliCommand } from '../command';

/** `finetune-studio dedupe`: drops repeated examples, keeping the first occurrence. */
export const dedupeCommand: CliCommand = {
  name: 'dedupe',
  summary: 'Remove duplicate examples from a JSONL file (normalised by default, or exact), keeping the first of each.',
  usage: 'finetune-studio dedupe INPUT [--mode normalized|exact] [-o OUT] [--json]',
  async run(args, io) {
    const { values, positionals } = parseDedupeArgs(args);
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const mode = values.mode ?? 'normalized';
    if (mode !== 'exact' && mode !== 'normalized') throw new UsageError(`--mode must be exact or normalized, not ${mode}.`);
    const input = resolve(io.cwd, positionals[0]!);
    const output = resolve(io.cwd, values.output ?? outputPathFor(input, 'dedup'));

    let report;
    try {
      report = await dedupeDataset({ input, output, mode });
    } catch (error) {
      if (error instanceof ProtectedPathError) throw new UsageError(error.message);
      io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const title = `Deduplicated ${input} (${mode}).\n`;
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : title + formatCurationReport(report));
    return report.written === 0 ? 1 : 0;
  },
};

function parseDedupeArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        mode: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
