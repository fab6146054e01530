import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { UnclosedQuoteError, readCsvRecords } from '../convert/csv/csvRecords';
import { sniffCsv } from '../convert/csv/sniff';
import { InputEncodingError, checkedUtf8, refusingUtf16 } from '../convert/inputEncoding';
import { messageOf } from '../errors/messageOf';
import { fileChunks } from '../io/fileChunks';
import { FileError } from '../io/fileErrors';
import { readLineBatches } from '../jsonl/byteLines';
import { isObject } from '../jsonl/jsonObject';
import { readExampleConversation } from '../playground/exampleConversation';
import type { BatchPrompt, PromptTurn } from './batchTypes';

/** An input line (or CSV row) that cannot be a prompt, and why: reported, never fatal. */
export interface PromptSkip {
  readonly skipped: true;
  /** "line 12", "row 5" (1-based). */
  readonly source: string;
  /** A phrase without a final period: "it is not valid JSON (…)". */
  readonly reason: string;
}

/** Options for {@link readPrompts}. */
export interface ReadPromptsOptions {
  /**
   * `chat`: JSONL of chat (`messages`) or preference (`input.messages`) examples. `prompts`: JSONL whose lines are
   * such examples, objects with a prompt text field, or bare strings. `csv`: CSV/TSV with a header row. Default: by
   * extension (.csv, .tsv), else by the first non-blank line.
   */
  readonly format?: 'chat' | 'prompts' | 'csv';
  /** The field (JSONL) or header title (CSV) holding the prompt text. Default: the first of {@link PROMPT_FIELDS}. */
  readonly column?: string;
  /** The field or header title holding the expected answer. Default: the first of {@link REFERENCE_FIELDS}. */
  readonly referenceColumn?: string;
  /** Put before every prompt that has no system turn of its own (ignored when blank). */
  readonly systemPrompt?: string;
  readonly signal?: AbortSignal;
}

/** Fields (JSONL) and header titles (CSV, any case) taken as the prompt text, first found first. */
export const PROMPT_FIELDS: readonly string[] = ['prompt', 'question', 'input', 'text'];
/** Fields and header titles taken as the expected answer, first found first. */
export const REFERENCE_FIELDS: readonly string[] = ['reference', 'answer', 'expected', 'completion'];

// Prompts are small; a longer line is certainly not one, and holding it whole would cost memory for nothing.
const MAX_LINE_BYTES = 64 * 1024 * 1024;
// Enough of a CSV file's head for csv sniffing to settle the delimiter.
const CSV_SNIFF_BYTES = 64 * 1024;

/** A prompt before it is numbered: the turns sent (system first, if any, ending with a user turn) and the answer. */
interface PromptContent {
  readonly turns: readonly PromptTurn[];
  readonly reference?: string;
}

/**
 * Streams the prompts of a batch run's input, in file order, with a {@link PromptSkip} for each line or row that
 * cannot be one. Blank lines are passed over silently (they still count in line numbers). Problems with the whole
 * file (unreadable, UTF-16, an unknown column, a CSV quote that never closes) throw an error naming the file.
 */
export async function* readPrompts(
  path: string,
  options: ReadPromptsOptions = {},
): AsyncGenerator<BatchPrompt | PromptSkip> {
  const format = options.format ?? (isCsvPath(path) ? 'csv' : undefined);
  const contents = format === 'csv' ? readCsvContents(path, options) : readJsonlContents(path, format, options);
  let index = 0;
  for await (const item of namingFile(contents, path)) {
    if ('skipped' in item) {
      yield item;
      continue;
    }
    const turns = withSystemPrompt(item.content.turns, options.systemPrompt);
    const prompt: BatchPrompt = { index: index++, source: item.source, key: promptKey(turns), turns };
    yield item.content.reference === undefined ? prompt : { ...prompt, reference: item.content.reference };
  }
}

/**
 * A prompt's resume identity: the first 16 hex characters of the SHA-256 of its turns as canonical JSON (each turn
 * `{"content":…,"role":…}`, keys sorted), so the same conversation has the same key whatever file it came from.
 */
export function promptKey(turns: readonly PromptTurn[]): string {
  const canonical = JSON.stringify(turns.map((turn) => ({ content: turn.content, role: turn.role })));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function isCsvPath(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' || extension === '.tsv';
}

function withSystemPrompt(turns: readonly PromptTurn[], systemPrompt: string | undefined): readonly PromptTurn[] {
  if (systemPrompt === undefined || systemPrompt.trim() === '' || turns[0]?.role === 'system') return turns;
  return [{ role: 'system', content: systemPrompt }, ...turns];
}

type SourcedContent = { readonly source: string; readonly content: PromptContent } | PromptSkip;

function skip(source: string, reason: string): PromptSkip {
  return { skipped: true, source, reason };
}

/** Errors about "the input" restated about the file, as every other file error names it. */
async function* namingFile<T>(items: AsyncIterable<T>, path: string): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    if (error instanceof InputEncodingError || error instanceof UnclosedQuoteError) throw error.about(path);
    throw error;
  }
}

async function* readJsonlContents(
  path: string,
  format: 'chat' | 'prompts' | undefined,
  options: ReadPromptsOptions,
): AsyncGenerator<SourcedContent> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunks = refusingUtf16(fileChunks(path, { signal: options.signal }));
  let mode = format;
  for await (const batch of readLineBatches(chunks, { maxLineBytes: MAX_LINE_BYTES })) {
    for (const line of batch) {
      const source = `line ${line.line + 1}`;
      if (line.truncated) {
        yield skip(source, `it is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(line.bytes);
      } catch {
        yield skip(source, 'it is not valid UTF-8');
        continue;
      }
      if (text.trim() === '') continue;
      mode ??= options.column !== undefined ? 'prompts' : sniffJsonl(text);
      const content = mode === 'chat' ? chatContent(text) : promptsContent(text, options);
      yield typeof content === 'string' ? skip(source, content) : { source, content };
    }
  }
}

/** A file of examples when its first line is one (`messages`, or a preference `input`), else one of prompts. */
function sniffJsonl(firstLine: string): 'chat' | 'prompts' {
  try {
    const value: unknown = JSON.parse(firstLine);
    return isConversation(value) ? 'chat' : 'prompts';
  } catch {
    return 'prompts';
  }
}

function isConversation(value: unknown): boolean {
  return isObject(value) && ('messages' in value || isObject(value['input']));
}

/** A chat or preference example, read as the playground reads one; its reasons are reworded for batch runs. */
function chatContent(text: string): PromptContent | string {
  const example = readExampleConversation(text);
  if (typeof example === 'string') return example.replace(/\bthe playground\b/g, 'a batch run');
  const turns: PromptTurn[] =
    example.systemPrompt.trim() === '' ? [] : [{ role: 'system', content: example.systemPrompt }];
  turns.push(...example.turns);
  return example.reference === undefined ? { turns } : { turns, reference: example.reference };
}

function promptsContent(text: string, options: ReadPromptsOptions): PromptContent | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${messageOf(error)})`;
  }
  if (typeof value === 'string') return userPrompt(value, 'the prompt', undefined);
  if (!isObject(value)) return 'it is neither a JSON object nor a JSON string';
  if (options.column === undefined && isConversation(value)) return chatContent(text);
  const field = options.column ?? PROMPT_FIELDS.find((name) => name in value);
  if (field === undefined) {
    return `it has no "messages" and no prompt text (${PROMPT_FIELDS.map((name) => `"${name}"`).join(', ')})`;
  }
  const prompt = value[field];
  if (prompt === undefined) return `it has no ${JSON.stringify(field)} field`;
  if (typeof prompt !== 'string') return `its ${JSON.stringify(field)} is not a string`;
  const referenceField = options.referenceColumn ?? REFERENCE_FIELDS.find((name) => name in value);
  const reference = referenceField === undefined ? undefined : value[referenceField];
  return userPrompt(prompt, `its ${JSON.stringify(field)}`, typeof reference === 'string' ? reference : undefined);
}

/** One user turn; a blank text is no prompt. `what` names the text for the reason ("its \"prompt\""). */
function userPrompt(text: string, what: string, reference: string | undefined): PromptContent | string {
  if (text.trim() === '') return `${what} is empty`;
  const turns: PromptTurn[] = [{ role: 'user', content: text }];
  return reference === undefined || reference.trim() === '' ? { turns } : { turns, reference };
}

async function* readCsvContents(path: string, options: ReadPromptsOptions): AsyncGenerator<SourcedContent> {
  const delimiter = extname(path).toLowerCase() === '.tsv' ? '\t' : await sniffDelimiter(path, options.signal);
  const chunks = checkedUtf8(fileChunks(path, { signal: options.signal }));
  let columns: CsvColumns | undefined;
  for await (const record of readCsvRecords(chunks, delimiter)) {
    // Records count by the line they start on: a quoted cell may span lines.
    const source = `row ${record.line}`;
    if ('error' in record) {
      yield skip(source, record.error);
      continue;
    }
    if (columns === undefined) {
      columns = csvColumns(record.cells, options, path);
      continue;
    }
    const prompt = record.cells[columns.prompt] ?? '';
    const reference = columns.reference === undefined ? undefined : record.cells[columns.reference];
    const content = userPrompt(prompt, `its ${JSON.stringify(columns.promptTitle)} cell`, reference);
    yield typeof content === 'string' ? skip(source, content) : { source, content };
  }
}

/** The delimiter csv sniffing finds in the file's head (a .csv file may well use `;` or tabs). */
async function sniffDelimiter(path: string, signal: AbortSignal | undefined): Promise<string> {
  for await (const head of fileChunks(path, { signal, highWaterMark: CSV_SNIFF_BYTES })) {
    return sniffCsv(Buffer.from(head).toString('utf8'), head.length < CSV_SNIFF_BYTES).delimiter;
  }
  return ',';
}

interface CsvColumns {
  readonly prompt: number;
  readonly promptTitle: string;
  readonly reference: number | undefined;
}

/** Finds the prompt and reference columns in the header row; a column that is not there stops the run. */
function csvColumns(header: readonly string[], options: ReadPromptsOptions, path: string): CsvColumns {
  const titles = header.map((title) => title.trim());
  const known = `its columns are ${titles.map((title) => JSON.stringify(title)).join(', ')}`;
  const prompt = options.column === undefined ? findAny(titles, PROMPT_FIELDS) : findNamed(titles, options.column);
  if (prompt === undefined) {
    const wanted =
      options.column === undefined
        ? `prompt column (${PROMPT_FIELDS.map((name) => `"${name}"`).join(', ')})`
        : `column ${JSON.stringify(options.column)}`;
    throw new FileError(`${path} has no ${wanted} in its header row; ${known}.`, path, undefined);
  }
  let reference: number | undefined;
  if (options.referenceColumn === undefined) {
    reference = findAny(titles, REFERENCE_FIELDS);
  } else {
    reference = findNamed(titles, options.referenceColumn);
    if (reference === undefined) {
      throw new FileError(
        `${path} has no reference column ${JSON.stringify(options.referenceColumn)} in its header row; ${known}.`,
        path,
        undefined,
      );
    }
  }
  return { prompt, promptTitle: titles[prompt]!, reference };
}

/** A title as named, else the same in another case ("Question" for "question"). */
function findNamed(titles: readonly string[], name: string): number | undefined {
  const wanted = name.trim();
  const exact = titles.indexOf(wanted);
  if (exact !== -1) return exact;
  const anyCase = titles.findIndex((title) => title.toLowerCase() === wanted.toLowerCase());
  return anyCase === -1 ? undefined : anyCase;
}

function findAny(titles: readonly string[], names: readonly string[]): number | undefined {
  for (const name of names) {
    const found = findNamed(titles, name);
    if (found !== undefined) return found;
  }
  return undefined;
}
