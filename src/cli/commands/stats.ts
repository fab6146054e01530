import { modelWarning } from '../../core/models/modelLookup';
import { validateFile } from '../../core/pipeline/validateFile';
import type { DatasetStats } from '../../core/stats/datasetStats';
import type { Distribution } from '../../core/stats/distribution';
import { UsageError, type CliCommand } from '../command';
import { checkInputFile } from '../../core/io/inputFile';
import { inputPathArg } from '../fileArgs';
import { parseCliArgs } from '../parseCliArgs';
import { FILE_VALIDATION_OPTIONS, fileValidationOptions } from './fileValidationArgs';
import { severityTotals } from './problemOutput';
import { messageOf } from '../../core/errors/messageOf';
import { terminalSafe, terminalSafeLines } from '../../core/text/terminalSafe';
import { plural } from '../../core/text/plural';

const NONE: Distribution = { min: 0, max: 0, mean: 0, median: 0, p5: 0, p95: 0 };

/** `finetune-studio stats`: token statistics, epochs and estimated cost of a dataset. */
export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'Token statistics, default epochs, charged tokens and estimated training cost of a dataset.',
  usage: 'finetune-studio stats FILE [--model M] [--json] [--dataset-format F] [--token-limit N] [--workers N]',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { ...FILE_VALIDATION_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
    const path = inputPathArg(io, positionals[0]!);
    const options = fileValidationOptions(values, true);
    const warning = modelWarning(options.model!, options.defaultExampleTokenLimit);
    if (warning !== undefined) io.stderr(`warning: ${terminalSafe(warning)}\n`);
    let result;
    try {
      await checkInputFile(path);
      result = await validateFile(path, options);
    } catch (error) {
      // The message names the user's path: escaped like every report.
      io.stderr(`${terminalSafe(positionals[0]!)}: cannot compute statistics: ${terminalSafe(messageOf(error))}\n`);
      return 1;
    }
    const stats = result.stats!;
    const totals = severityTotals(result.problems, result.counts);
    const summary = {
      file: positionals[0]!,
      format: result.format ?? null,
      model: stats.model,
      examples: result.examples,
      errors: totals.errors,
      warnings: totals.warnings,
      missingSystem: stats.missingSystem,
      missingUser: stats.missingUser,
      messagesPerExample: stats.messagesPerExample ?? NONE,
      totalTokensPerExample: stats.totalTokensPerExample ?? NONE,
      assistantTokensPerExample: stats.assistantTokensPerExample ?? NONE,
      overLimit: stats.overLimit,
      tokenLimit: stats.limit,
      billingTokens: stats.billingTokens,
      epochs: stats.epochs,
      chargedTokens: stats.chargedTokens,
      estimatedCostUSD: stats.estimatedCostUSD ?? null,
      priceSource: stats.price ? `${stats.price.source} (as of ${stats.price.asOf}, estimate)` : null,
    };
    // The file and model names are the user's: escaped like every report (in JSON, \u escapes are valid).
    io.stdout(
      values.json
        ? `${terminalSafeLines(JSON.stringify(summary, null, 2))}\n`
        : statsText(
            terminalSafe(summary.file),
            summary.format ?? result.other?.label ?? null,
            stats,
            totals.errors,
            totals.warnings,
          ),
    );
    return 0;
  },
};

function row(d: Distribution | undefined): string {
  const v = d ?? NONE;
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1)).padStart(9);
  return `${n(v.min)}${n(v.p5)}${n(v.median)}${n(v.mean)}${n(v.p95)}${n(v.max)}`;
}

function statsText(file: string, format: string | null, s: DatasetStats, errors: number, warnings: number): string {
  const cost =
    s.estimatedCostUSD === undefined
      ? 'no per-token price for this model'
      : `$${s.estimatedCostUSD.toFixed(2)} (estimate; ${s.price?.source}, ${s.price?.asOf})`;
  return [
    `${file}: ${plural(s.examples, 'example')}, format ${format ?? 'not detected'}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    `model ${terminalSafe(s.model)}, example limit ${s.limit} tokens`,
    '',
    `                        min       p5   median     mean      p95      max`,
    `messages/example ${row(s.messagesPerExample)}`,
    `tokens/example   ${row(s.totalTokensPerExample)}`,
    `assistant tokens ${row(s.assistantTokensPerExample)}`,
    '',
    `missing system message: ${s.missingSystem}; missing user message: ${s.missingUser}; over the limit: ${s.overLimit}`,
    `billing tokens per epoch: ${s.billingTokens}; epochs (${s.epochsSource}): ${s.epochs}; charged tokens: ${s.chargedTokens}`,
    `estimated training cost: ${cost}`,
    '',
  ].join('\n');
}
