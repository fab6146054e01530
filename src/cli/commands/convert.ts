import { convertFile } from '../../core/convert/convertFile';
import { isSupportedConversion, SUPPORTED_CONVERSIONS } from '../../core/convert/convertStream';
import { ConvertSetupError, type ConvertSpec, type SourceFormat, type TargetFormat } from '../../core/convert/model';
import { inferFieldMapping } from '../../core/convert/fieldMapping';
import { readFileHead } from '../../core/convert/fileHead';
import { sampleObjects } from '../../core/convert/sourceGuess';
import { OutputTooLargeError } from '../../core/convert/twcs/outputEstimate';
import { INPUT_ENCODINGS } from '../../core/convert/inputEncoding';
import { formatConvertReport } from '../../core/convert/reportText';
import { outputPathFor } from '../../core/io/outputPath';
import { UsageError, type CliCommand } from '../command';
import { FORCE_OPTION, checkOutputArgs, inputPathArg, outputPathArg } from '../fileArgs';
import { parseCliArgs } from '../parseCliArgs';
import { runReported } from '../reportedRun';

// `json` names the field-mapped source for people; the core calls it `mapped`.
const SOURCES = ['csv', 'twcs', 'legacy', 'sharegpt', 'alpaca', 'trl', 'chat', 'preference', 'json', 'mapped'] as const;
const TARGETS = ['chat', 'preference', 'legacy', 'sharegpt', 'trl', 'alpaca'] as const;
const LISTED_SKIPS = 20;
const PAIRS = SUPPORTED_CONVERSIONS.map((pair) => `${pair.from === 'mapped' ? 'json' : pair.from}→${pair.to}`).join(
  ', ',
);

type Values = ReturnType<typeof parseCliArgs<typeof CONVERT_OPTIONS>>['values'];

/** `finetune-studio convert`: other dataset formats to OpenAI chat JSONL, and chat JSONL to other formats. */
export const convertCommand: CliCommand = {
  name: 'convert',
  summary:
    'Convert CSV, Twitter support threads (twcs.csv), legacy prompt/completion, ShareGPT, Alpaca, TRL or any JSON Lines (field mapping) to OpenAI chat JSONL, and back.',
  usage: [
    'finetune-studio convert INPUT --from csv|twcs|legacy|sharegpt|alpaca|trl|chat|preference|json --to chat|preference|legacy|sharegpt|trl|alpaca [-o OUTPUT] [--force] [--json]',
    '          [--encoding utf-8|latin1|windows-1252|utf-16le|utf-16be]',
    '          (CSV and TWCS input must be UTF-8 unless --encoding names its encoding: anything else stops the',
    '          conversion with the offset of the first byte that is not UTF-8; UTF-16 is recognised and named)',
    '  csv:    --user-column NAME --assistant-column NAME [--id-column NAME] [--order-column NAME] [--system TEXT] [--delimiter C] [--no-header]',
    '          (columns are header names, or 0-based indexes without a header; --delimiter accepts "tab")',
    '  twcs:   [--brand NAME]... [--strip-mentions] [--strip-signoffs] [--strip-links] [--keep-entities] [--system TEXT ({brand} is replaced)]',
    '          (HTML entities such as &amp; &gt; &#39; in tweets are decoded unless --keep-entities)',
    '          [--max-output-mb N] every branch of a reply thread is an example repeating the thread before it, so a',
    '          small file can make a huge output: the size is estimated before writing, and past N MB (default 4 × the',
    '          input, at least 256 MiB) nothing is written and the estimate is shown; 0 writes whatever the size',
    '  json:   [--user FIELD] [--assistant FIELD] [--system-field FIELD]   (any other JSON Lines)',
    '          FIELD is a dot path (conversations.0.value) or a template joining fields: "{instruction}\\n\\n{input}";',
    '          fields not given are guessed from the first 50 lines (the report says which were used)',
    '  legacy: [--separator TEXT] [--stop TEXT] (\\n and \\t are understood; defaults "\\n\\n###\\n\\n" and "\\n")',
    '          chat → legacy: [--per-turn] one pair per assistant turn, the conversation so far as its prompt;',
    '          [--header TEXT] the prompt header, e.g. "Summary: {system}\\n\\nSpecific information: …"',
    '          ({system} is the example\'s system message, the default header; "" leaves it out)',
    `  pairs:  ${PAIRS}`,
    '  output: -o OUTPUT, default INPUT.<to>.jsonl; a path ending in / is a folder; --force replaces an existing file',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, CONVERT_OPTIONS);
    if (positionals.length !== 1) throw new UsageError('Give exactly one INPUT file.');
    const encoding = values.encoding === undefined ? undefined : oneOf(values.encoding, INPUT_ENCODINGS, '--encoding');
    const input = inputPathArg(io, positionals[0]!);
    const spec = await guessFields(specFrom(values), input);
    const output = outputPathArg(io, values.output, outputPathFor(input, spec.to));
    await checkOutputArgs([output], [input], values.force);
    return runReported(
      io,
      values.json,
      async () => {
        try {
          const { output: written, ...report } = await convertFile(
            input,
            output,
            spec,
            encoding === undefined ? { signal: io.signal } : { encoding, signal: io.signal },
          );
          return { output: written ?? null, ...report };
        } catch (error) {
          if (!(error instanceof OutputTooLargeError)) throw error;
          const needed = Math.ceil(error.estimate.bytes / 1e6);
          throw new Error(`${error.message} Rerun with --max-output-mb ${needed} (or 0 for no limit).`, {
            cause: error,
          });
        }
      },
      ({ output: written, ...report }) =>
        formatConvertReport(
          input,
          spec,
          { ...report, output: written ?? undefined },
          {
            maxListed: LISTED_SKIPS,
            moreHint: `--json lists up to ${report.skipped.length}`,
            ...(encoding === undefined ? {} : { encoding }),
          },
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
const TWCS_OPTIONS = [
  'brand',
  'strip-mentions',
  'strip-signoffs',
  'strip-links',
  'keep-entities',
  'max-output-mb',
] as const;

/** `--max-output-mb`: a number of megabytes (10^6 bytes, as the messages count them) as bytes. */
function megabytesArg(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new UsageError(
      `--max-output-mb must be a number of megabytes (0 for no limit), not ${JSON.stringify(text)}.`,
    );
  return value * 1e6;
}
const LEGACY_OPTIONS = ['separator', 'stop'] as const;
const LEGACY_EXPORT_OPTIONS = ['per-turn', 'header'] as const;
const MAPPED_OPTIONS = ['user', 'assistant', 'system-field'] as const;

/**
 * A field mapping with the fields the user left out guessed from the input's first lines, as the extension's
 * pickers pre-select them. Other specs pass through.
 */
async function guessFields(spec: ConvertSpec, input: string): Promise<ConvertSpec> {
  if (spec.from !== 'mapped' || (spec.mapping.userField !== '' && spec.mapping.assistantField !== '')) return spec;
  const head = await readFileHead(input);
  const { suggested, candidates } = inferFieldMapping(sampleObjects(head.text, head.isWholeFile));
  const userField = spec.mapping.userField || suggested.userField;
  const assistantField = spec.mapping.assistantField || suggested.assistantField;
  if (userField === undefined || assistantField === undefined) {
    const known = candidates.map((candidate) => candidate.path).join(', ') || 'none';
    throw new UsageError(
      `Cannot tell which fields hold the user and assistant text (text fields in the first lines: ${known}); give --user and --assistant.`,
    );
  }
  return { ...spec, mapping: { ...spec.mapping, userField, assistantField } };
}

function specFrom(values: Values): ConvertSpec {
  const parsedFrom = oneOf(values.from, SOURCES, '--from');
  const from: SourceFormat = parsedFrom === 'json' ? 'mapped' : parsedFrom;
  const to: TargetFormat = oneOf(values.to, TARGETS, '--to');
  if (!isSupportedConversion(from, to)) {
    throw new UsageError(`Cannot convert ${from} to ${to}. Supported: ${PAIRS}.`);
  }
  const legacy = from === 'legacy' || to === 'legacy';
  // Messages name the source as the user wrote it (json, not mapped).
  const given = parsedFrom;
  if (from !== 'csv') rejectOptions(values, CSV_OPTIONS, given);
  if (from !== 'twcs') rejectOptions(values, TWCS_OPTIONS, given);
  if (!legacy) rejectOptions(values, LEGACY_OPTIONS, given);
  if (!(from === 'chat' && to === 'legacy')) rejectOptions(values, LEGACY_EXPORT_OPTIONS, `${given} --to ${to}`);
  if (from !== 'csv' && from !== 'twcs') rejectOptions(values, ['system'], given);
  if (from !== 'mapped') rejectOptions(values, MAPPED_OPTIONS, given);
  if (from === 'mapped') {
    // Empty fields are guessed from the file (guessFields).
    const field = (value: string | undefined): string => (value === undefined ? '' : unescapeArgument(value));
    const systemField = values['system-field'];
    return {
      from,
      to: 'chat',
      mapping: {
        userField: field(values.user),
        assistantField: field(values.assistant),
        ...(systemField === undefined ? {} : { systemField: unescapeArgument(systemField) }),
      },
    };
  }
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
        ...(values['max-output-mb'] === undefined ? {} : { maxOutputBytes: megabytesArg(values['max-output-mb']) }),
        ...(values.system === undefined ? {} : { systemPrompt: values.system }),
      },
    };
  }
  const template = {
    ...(values.separator === undefined ? {} : { separator: unescapeArgument(values.separator) }),
    ...(values.stop === undefined ? {} : { stop: unescapeArgument(values.stop) }),
  };
  if (from === 'legacy') return { from, to: 'chat', template };
  if (from === 'chat' && to === 'legacy') {
    const legacy = {
      ...(values['per-turn'] === true ? { perTurn: true } : {}),
      ...(values.header === undefined ? {} : { header: unescapeArgument(values.header) }),
    };
    return { from, to, template, legacy };
  }
  return { from, to } as ConvertSpec;
}

const CONVERT_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  ...FORCE_OPTION,
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
  'max-output-mb': { type: 'string' },
  user: { type: 'string' },
  assistant: { type: 'string' },
  'system-field': { type: 'string' },
  separator: { type: 'string' },
  'per-turn': { type: 'boolean' },
  header: { type: 'string' },
  stop: { type: 'string' },
} as const;
