// Words for a finished conversion: the one-line summary of the notification and the full text report.
import { basename } from 'node:path';
import {
  DEFAULT_LEGACY_TEMPLATE,
  type ConvertSpec,
  type SkippedRow,
  type SourceFormat,
  type TargetFormat,
} from './model';
import type { FileConversion } from './convertFile';
import type { InputEncoding } from './inputEncoding';
import { terminalSafe } from '../text/terminalSafe';
import { plural } from '../text/plural';

/** Human names of the formats. */
export const FORMAT_NAMES: Readonly<Record<SourceFormat | TargetFormat, string>> = {
  csv: 'CSV',
  twcs: 'Twitter customer support (twcs.csv)',
  legacy: 'legacy prompt/completion',
  sharegpt: 'ShareGPT',
  alpaca: 'Alpaca',
  trl: 'TRL',
  chat: 'OpenAI chat',
  preference: 'OpenAI preference',
  mapped: 'JSON Lines with a field mapping',
};

const REASONS_IN_SUMMARY = 2;

const quote = (text: string | number): string => JSON.stringify(String(text));

/** The settings of a conversion, one line each, for the top of the full report. */
export function describeSpec(spec: ConvertSpec): string[] {
  const lines = [`Format: ${FORMAT_NAMES[spec.from]} → ${FORMAT_NAMES[spec.to]}.`];
  if (spec.from === 'csv') {
    const { mapping } = spec.csv;
    const columns = [`user ${quote(mapping.userColumn)}`, `assistant ${quote(mapping.assistantColumn)}`];
    if (mapping.idColumn !== undefined) columns.push(`conversation id ${quote(mapping.idColumn)}`);
    if (mapping.orderColumn !== undefined) columns.push(`turn order ${quote(mapping.orderColumn)}`);
    lines.push(`Columns: ${columns.join(', ')}.`);
    if (mapping.system !== undefined && mapping.system !== '') lines.push(`System prompt: ${quote(mapping.system)}.`);
  } else if (spec.from === 'twcs') {
    const options = spec.twcs ?? {};
    const stripped = [
      options.stripMentions === true ? '@mentions' : '',
      options.stripSignoffs === true ? 'sign-offs' : '',
      options.stripLinks === true ? 't.co links' : '',
    ].filter((part) => part !== '');
    lines.push(
      `Stripped: ${stripped.length === 0 ? 'nothing' : stripped.join(', ')}; companies: ${options.brands === undefined || options.brands.length === 0 ? 'all' : options.brands.join(', ')}.`,
    );
    if (options.keepHtmlEntities === true) lines.push('HTML entities kept as written.');
    if (options.systemPrompt !== undefined && options.systemPrompt !== '')
      lines.push(`System prompt: ${quote(options.systemPrompt)}.`);
  } else if (spec.from === 'mapped') {
    const fields = [`user ${quote(spec.mapping.userField)}`, `assistant ${quote(spec.mapping.assistantField)}`];
    if (spec.mapping.systemField !== undefined) fields.push(`system ${quote(spec.mapping.systemField)}`);
    lines.push(`Fields: ${fields.join(', ')}.`);
  }
  if ((spec.from === 'legacy' && spec.to === 'chat') || (spec.from === 'chat' && spec.to === 'legacy')) {
    const template = { ...DEFAULT_LEGACY_TEMPLATE, ...spec.template };
    lines.push(`Template: separator ${quote(template.separator)}, stop ${quote(template.stop)}.`);
    if (spec.from === 'chat' && spec.legacy?.perTurn === true) lines.push('One example per assistant turn.');
    if (spec.from === 'chat' && spec.legacy?.header !== undefined) lines.push(`Header: ${quote(spec.legacy.header)}.`);
  }
  return lines;
}

/** The most common reasons among the listed skipped rows, as "3 × reason", most common first. */
function commonReasons(skipped: readonly SkippedRow[], count: number): string[] {
  const tally = new Map<string, number>();
  for (const row of skipped) tally.set(row.reason, (tally.get(row.reason) ?? 0) + 1);
  // Map order is first-seen order, and the sort is stable, so equal counts keep it.
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([reason, times]) => `${times} × ${reason}`);
}

/** One line with every count and the main reasons for skipping, e.g. for a notification. */
export function summarizeConversion(done: string, result: FileConversion): string {
  const skipped =
    result.skippedCount === 0
      ? 'skipped 0'
      : `skipped ${result.skippedCount} (${commonReasons(result.skipped, REASONS_IN_SUMMARY).join('; ')})`;
  const warnings = result.warnings.length === 0 ? '' : `; ${plural(result.warnings.length, 'warning')}`;
  const read = `read ${plural(result.read, 'row')}`;
  if (result.output === undefined)
    return terminalSafe(`${done}: nothing converted; ${read}, ${skipped}${warnings}. No file was written.`);
  return terminalSafe(
    `${done}: ${read}: converted ${result.converted} into ${plural(result.written, 'example')} in ${basename(result.output)}, ${skipped}${warnings}.`,
  );
}

/** Options for {@link formatConvertReport}. */
export interface ConvertReportTextOptions {
  /** Skipped rows listed at most (the CLI keeps its output short); all the result keeps by default. */
  readonly maxListed?: number;
  /** Where the unlisted rows can be seen, e.g. "--json lists up to 1000". */
  readonly moreHint?: string;
  /** The encoding the user named for the input (UTF-8 otherwise). */
  readonly encoding?: InputEncoding;
}

/**
 * The full report of the CLI and the extension: input, output and settings, the counts, the listed skipped rows with
 * their line numbers, and the warnings. Every line is passed through {@link terminalSafe}: reasons quote data.
 */
export function formatConvertReport(
  input: string,
  spec: ConvertSpec,
  result: FileConversion,
  options: ConvertReportTextOptions = {},
): string {
  const lines = [
    `Input: ${input}${options.encoding === undefined ? '' : ` (read as ${options.encoding})`}`,
    `Output: ${result.output ?? 'none'}`,
    ...describeSpec(spec),
    '',
    `Read ${plural(result.read, 'row')}: converted ${result.converted} into ${plural(result.written, 'example')}, skipped ${result.skippedCount}.`,
  ];
  if (result.output === undefined) lines.push('Nothing converted, so no file was written.');
  if (result.skippedCount > 0) {
    const listed = result.skipped.slice(0, options.maxListed ?? result.skipped.length);
    lines.push('', 'Skipped rows:');
    for (const row of listed) lines.push(`  line ${row.line}: ${row.reason}`);
    const unlisted = result.skippedCount - listed.length;
    if (unlisted > 0)
      lines.push(
        `  … and ${unlisted} more, not listed (${options.moreHint ?? `the report keeps the first ${result.skipped.length}`}).`,
      );
  }
  if (result.warnings.length > 0) lines.push('', 'Warnings:', ...result.warnings.map((warning) => `  ${warning}`));
  return `${lines.map(terminalSafe).join('\n')}\n`;
}
