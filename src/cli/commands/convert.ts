import { resolve } from 'node:path';
import { convertFile } from '../../core/convert/convertFile';
import { isSupportedConversion, SUPPORTED_CONVERSIONS } from '../../core/convert/convertStream';
import { ConvertSetupError, type ConvertSpec, type SourceFormat, type TargetFormat } from '../../core/convert/model';
import { INPUT_ENCODINGS } from '../../core/convert/inputEncoding';
import { formatConvertReport } from '../../core/convert/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

const SOURCES = ['csv', 'twcs', 'legacy', 'sharegpt', 'alpaca', 'trl', 'chat', 'preference'] as const;
const TARGETS = ['chat', 'preference', 'legacy', 'sharegpt', 'trl', 'alpaca'] as const;
const LISTED_SKIPS = 20;

type Values = ReturnType<typeof parseCliArgs<typeof CONVERT_OPTIONS>>['values'];

/** `finetune-studio convert`: other dataset formats to OpenAI chat JSONL, and chat JSONL to other formats. */
export const convertCommand: CliCommand = {
  name: 'convert',
  summary:
    'Convert CSV, Twitter support threads (twcs.csv), legacy prompt/completion, ShareGPT, Alpaca or TRL data to OpenAI chat JSONL, and back.',
  usage: [
    'finetune-studio convert INPUT --from csv|twcs|legacy|sharegpt|alpaca|trl|chat|preference --to chat|preference|legacy|sharegpt|trl|alpaca [-o OUTPUT] [--json]',
    '          [--encoding utf-8|latin1|windows-1252|utf-16le|utf-16be]',
    '          (CSV and TWCS input must be UTF-8 unless --encoding names its encoding: anything else stops the',
    '          conversion with the offset of the first byte that is not UTF-8; UTF-16 is recognised and named)',
    '  csv:    --user-column NAME --assistant-column NAME [--id-column NAME] [--order-column NAME] [--system TEXT] [--delimiter C] [--no-header]',
    '          (columns are header names, or 0-based indexes without a header; --delimiter accepts "tab")',
    '  twcs:   [--brand NAME]... [--strip-mentions] [--strip-signoffs] [--strip-links] [--keep-entities] [--system TEXT ({brand} is replaced)]',
    '          (HTML entities such as &amp; &gt; &#39; in tweets are decoded unless --keep-entities)',
    '  legacy: [--separator TEXT] [--stop TEXT] (\\n and \\t are understood; defaults "\\n\\n###\\n\\n" and "\\n")',
    `  pairs:  ${SUPPORTED_CONVERSIONS.map((pair) => `${pair.from}→${pair.to}`).join(', ')}`,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, CONVERT_OPTIONS);
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const spec = specFrom(values);
    const encoding = values.encoding === undefined ? undefined : oneOf(values.encoding, INPUT_ENCODINGS, '--encoding');
    const input = resolve(io.cwd, positionals[0]!);
    const output = resolve(io.cwd, values.output ?? outputPathFor(input, spec.to));
    return runReported(
      io,
      values.json,
      async () => {
        const { output: written, ...report } = await convertFile(
          input,
          output,
          spec,
          encoding === undefined ? {} : { encoding },
        );
        return { output: written ?? null, ...report };
      },
      ({ output: written, ...report }) =>
        formatConvertReport(
          input,
          spec,
          { ...report, output: written ?? undefined },
          { maxListed: LISTED_SKIPS, moreHint: `--json lists up to ${report.skipped.length}` },
        ),
      [ConvertSetupError],
    );
  },
};

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T {
  if (value === undefined) throw new UsageError(`${option} is required: ${allowed.join(', ')}.`);
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not ${value}.`);
  return value as T;
}

/** Command-line escapes for separators typed in a shell: `\n`, `\t`, `\\`. */
function unescapeArgument(text: string): string {
  return text.replace(/\\([nt\\])/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : '\\'));
}

function rejectOptions(values: Values, names: readonly (keyof Values)[], from: string): void {
  for (const name of names) {
    const value = values[name];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
      throw new UsageError(`--${String(name)} does not apply to --from ${from}.`);
    }
  }
}

const CSV_OPTIONS = ['user-column', 'assistant-column', 'id-column', 'order-column', 'delimiter', 'no-header'] as const;
const TWCS_OPTIONS = ['brand', 'strip-mentions', 'strip-signoffs', 'strip-links', 'keep-entities'] as const;
const LEGACY_OPTIONS = ['separator', 'stop'] as const;

function specFrom(values: Values): ConvertSpec {
  const from: SourceFormat = oneOf(values.from, SOURCES, '--from');
  const to: TargetFormat = oneOf(values.to, TARGETS, '--to');
  if (!isSupportedConversion(from, to)) {
    throw new UsageError(
      `Cannot convert ${from} to ${to}. Supported: ${SUPPORTED_CONVERSIONS.map((pair) => `${pair.from}→${pair.to}`).join(', ')}.`,
    );
  }
  const legacy = from === 'legacy' || to === 'legacy';
  if (from !== 'csv') rejectOptions(values, CSV_OPTIONS, from);
  if (from !== 'twcs') rejectOptions(values, TWCS_OPTIONS, from);
  if (!legacy) rejectOptions(values, LEGACY_OPTIONS, from);
  if (from !== 'csv' && from !== 'twcs') rejectOptions(values, ['system'], from);
  if (from === 'csv') {
    if (values['user-column'] === undefined || values['assistant-column'] === undefined) {
      throw new UsageError('--from csv needs --user-column and --assistant-column.');
    }
    const delimiter =
      values.delimiter === undefined
        ? undefined
        : values.delimiter === 'tab'
          ? '\t'
          : unescapeArgument(values.delimiter);
    if (delimiter !== undefined && delimiter.length !== 1)
      throw new UsageError(`--delimiter must be one character, not ${JSON.stringify(values.delimiter)}.`);
    const mapping = {
      userColumn: values['user-column'],
      assistantColumn: values['assistant-column'],
      ...(values['id-column'] === undefined ? {} : { idColumn: values['id-column'] }),
      ...(values['order-column'] === undefined ? {} : { orderColumn: values['order-column'] }),
      ...(values.system === undefined ? {} : { system: values.system }),
    };
    return {
      from,
      to: 'chat',
      csv: {
        mapping,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...(values['no-header'] === true ? { hasHeader: false } : {}),
      },
    };
  }
  if (from === 'twcs') {
    return {
      from,
      to: 'chat',
      twcs: {
        brands: values.brand ?? [],
        stripMentions: values['strip-mentions'] === true,
        stripSignoffs: values['strip-signoffs'] === true,
        stripLinks: values['strip-links'] === true,
        ...(values['keep-entities'] === true ? { keepHtmlEntities: true } : {}),
        ...(values.system === undefined ? {} : { systemPrompt: values.system }),
      },
    };
  }
  const template = {
    ...(values.separator === undefined ? {} : { separator: unescapeArgument(values.separator) }),
    ...(values.stop === undefined ? {} : { stop: unescapeArgument(values.stop) }),
  };
  if (from === 'legacy') return { from, to: 'chat', template };
  if (from === 'chat' && to === 'legacy') return { from, to, template };
  return { from, to } as ConvertSpec;
}

const CONVERT_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  encoding: { type: 'string' },
  'user-column': { type: 'string' },
  'assistant-column': { type: 'string' },
  'id-column': { type: 'string' },
  'order-column': { type: 'string' },
  system: { type: 'string' },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  brand: { type: 'string', multiple: true },
  'strip-mentions': { type: 'boolean' },
  'strip-signoffs': { type: 'boolean' },
  'strip-links': { type: 'boolean' },
  'keep-entities': { type: 'boolean' },
  separator: { type: 'string' },
  stop: { type: 'string' },
} as const;
