import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { fileChunks } from '../io/fileChunks';
import { errorCode, fileError } from '../io/fileErrors';
import { readLineBatches } from '../jsonl/byteLines';
import { isObject } from '../jsonl/jsonObject';
import { pairKey, type ResultRecord } from './batchTypes';

/** What a results file holds, as far as it is whole. */
export interface ResultsRead {
  /** Every complete, well-formed record, in file order (a pair asked again has several). */
  readonly records: ResultRecord[];
  /** The {@link pairKey}s of the pairs with an answer: a record with a `response` and no `error`. */
  readonly finished: Set<string>;
  /** Length of the file's prefix up to the end of its last complete line; what follows is a cut-off write. */
  readonly validBytes: number;
  /** 1-based numbers of complete lines that are not records (blank lines are not counted). */
  readonly badLines: number[];
}

const LF = 10;
// A record repeats its prompt in the request; generous, yet a runaway line cannot take all memory.
const MAX_LINE_BYTES = 256 * 1024 * 1024;
const LINE_BREAK = Buffer.from('\n');

/** One results file line: the record as JSON, which never holds a raw line break. */
export function serializeResult(record: ResultRecord): string {
  return JSON.stringify(record);
}

/** Whether a record answers its pair, so that resuming does not ask it again. */
export function isFinished(record: ResultRecord): boolean {
  return record.response !== undefined && record.error === undefined;
}

/** A results file line as a record, or undefined when it is not JSON or not shaped like one. */
export function parseResult(line: string): ResultRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['v'] !== 1) return undefined;
  const ok =
    isPrompt(value['prompt']) &&
    isModel(value['model']) &&
    isObject(value['request']) &&
    optional(value['response'], isResponse) &&
    isNumber(value['latencyMs']) &&
    optional(value['error'], isError) &&
    typeof value['finishedAt'] === 'string';
  // The checks above are the shape of ResultRecord.
  return ok ? (value as unknown as ResultRecord) : undefined;
}

/** Options for {@link readResults}. */
export interface ReadResultsOptions {
  readonly signal?: AbortSignal;
  /**
   * Called after each batch of lines with the records read so far (the array the read goes on filling) and the bytes
   * read, so a view can show the first rows of a large file before the rest is read; the read waits for a returned
   * promise (a view lets its first screen draw before it goes on).
   */
  readonly onProgress?: (records: readonly ResultRecord[], bytesRead: number) => void | Promise<void>;
}

/**
 * Reads a results file that a crash may have cut at any byte: only lines ended by a line break count, so a
 * half-written last line is left out (and `validBytes` ends before it). A missing file reads as empty.
 */
export async function readResults(path: string, options: ReadResultsOptions = {}): Promise<ResultsRead> {
  const records: ResultRecord[] = [];
  const finished = new Set<string>();
  const badLines: number[] = [];
  let bytesRead = 0;
  let validBytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fileChunks(path, { signal: options.signal })) {
      const lastBreak = chunk.lastIndexOf(LF);
      if (lastBreak !== -1) validBytes = bytesRead + lastBreak + 1;
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  try {
    for await (const batch of readLineBatches(counted(), { maxLineBytes: MAX_LINE_BYTES })) {
      for (const line of batch) {
        // A line starting after the last line break has none of its own: the write was cut off.
        if (line.byteOffset >= validBytes) continue;
        const record = line.truncated ? undefined : parseResult(textOf(line.bytes));
        if (record === undefined) {
          if (line.truncated || !isBlank(line.bytes)) badLines.push(line.line + 1);
          continue;
        }
        records.push(record);
        if (isFinished(record)) finished.add(pairKey(record.prompt.key, record.model.label));
      }
      await options.onProgress?.(records, bytesRead);
    }
  } catch (error) {
    if (bytesRead === 0 && errorCode(error) === 'ENOENT') return { records, finished, validBytes: 0, badLines };
    throw error;
  }
  return { records, finished, validBytes, badLines };
}

/** Options for {@link ResultsAppender.open}. */
export interface ResultsAppenderOptions {
  /** {@link ResultsRead.validBytes} of the file as read. */
  readonly validBytes: number;
  /** How the file is opened (for reading and appending); tests inject failing file handles here. */
  readonly openFile?: (path: string) => Promise<FileHandle>;
}

// Read and append: the last byte is read on opening; every write goes to the end, wherever others left it.
const openForAppend = (path: string): Promise<FileHandle> => open(path, 'a+');

/**
 * Appends records to a results file, one line each, in the order `append` is called. Each line goes to the file in
 * one write once the previous one is done, so lines never interleave, and a killed process loses at most the line
 * being written. A failed write is cut off again, so the file keeps only whole lines.
 */
export class ResultsAppender {
  private queue: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** Set when a failed write could not be cut off: the file may end inside a line, so nothing more is added. */
  private broken: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** The file's length: every byte before it is whole lines. */
    private end: number,
  ) {}

  /**
   * Opens (or creates) a results file for appending. A file longer than `validBytes` (see {@link readResults}) is
   * first cut to it, dropping a half-written line. A file that does not end with a line break (it changed since it
   * was read) gets one, so the first new record starts on a line of its own.
   */
  static async open(path: string, options: ResultsAppenderOptions): Promise<ResultsAppender> {
    let handle: FileHandle;
    try {
      handle = await (options.openFile ?? openForAppend)(path);
    } catch (error) {
      throw fileError('write', path, error);
    }
    try {
      let end = (await handle.stat()).size;
      if (end > options.validBytes) {
        await handle.truncate(options.validBytes);
        end = options.validBytes;
      }
      const appender = new ResultsAppender(path, handle, end);
      if (end > 0 && !(await endsWithLineBreak(handle, end))) await appender.write(LINE_BREAK);
      return appender;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw fileError('write', path, error);
    }
  }

  /** Adds one record as a line; resolves once the line is in the file (the operating system holds it). */
  append(record: ResultRecord): Promise<void> {
    if (this.closing !== undefined) return Promise.reject(new Error(`Cannot write ${this.path}: it was closed`));
    const line = Buffer.from(`${serializeResult(record)}\n`);
    const written = this.queue.then(() => this.write(line));
    this.queue = written.catch(() => undefined);
    return written;
  }

  /** Waits for the appends in progress, flushes the file to disk and closes it. Calling it again does nothing. */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    await this.queue;
    try {
      await this.handle.datasync();
    } catch (error) {
      throw fileError('write', this.path, error);
    } finally {
      await this.handle.close();
    }
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.broken !== undefined) throw this.broken;
    let offset = 0;
    try {
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      }
      this.end += bytes.length;
    } catch (error) {
      const failure = fileError('write', this.path, error);
      // Part of the line may be in the file; the next line would continue it.
      try {
        await this.handle.truncate(this.end);
      } catch {
        this.broken = failure;
      }
      throw failure;
    }
  }
}

async function endsWithLineBreak(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === LF;
}

/** The line as text; invalid UTF-8 becomes text that no record parses from. */
function textOf(bytes: Uint8Array): string {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : '';
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 32 || byte === 9 || byte === 13);
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

const ROLES: readonly unknown[] = ['system', 'user', 'assistant'];

function isPrompt(value: unknown): boolean {
  if (!isObject(value)) return false;
  const index = value['index'];
  const turns = value['turns'];
  return (
    typeof index === 'number' &&
    Number.isInteger(index) &&
    index >= 0 &&
    isString(value['source']) &&
    isString(value['key']) &&
    Array.isArray(turns) &&
    turns.every((turn) => isObject(turn) && ROLES.includes(turn['role']) && isString(turn['content'])) &&
    optional(value['reference'], isString)
  );
}

const NUMBER_PARAMETERS = ['temperature', 'topP', 'maxTokens', 'seed', 'presencePenalty', 'frequencyPenalty'];

function isModel(value: unknown): boolean {
  if (!isObject(value)) return false;
  const parameters = value['parameters'];
  return (
    isString(value['label']) &&
    isString(value['connection']) &&
    isString(value['model']) &&
    isObject(parameters) &&
    NUMBER_PARAMETERS.every((name) => optional(parameters[name], isNumber)) &&
    optional(parameters['stop'], (stop) => Array.isArray(stop) && stop.every(isString))
  );
}

function isResponse(value: unknown): boolean {
  if (!isObject(value)) return false;
  const finishReason = value['finishReason'];
  return (
    isString(value['text']) &&
    (finishReason === null || isString(finishReason)) &&
    optional(value['usage'], isUsage) &&
    optional(value['id'], isString) &&
    optional(value['model'], isString)
  );
}

function isUsage(value: unknown): boolean {
  return (
    isObject(value) &&
    isNumber(value['promptTokens']) &&
    isNumber(value['completionTokens']) &&
    isNumber(value['totalTokens'])
  );
}

function isError(value: unknown): boolean {
  return isObject(value) && isString(value['message']) && optional(value['status'], isNumber);
}
