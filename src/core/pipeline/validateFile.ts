import { isUtf8 } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { createTokenCounter, type TokenCounter } from '../analysis/lineTokens';
import { openInputFile } from '../io/inputFile';
import { reusedFileChunks } from '../io/reusedFileChunks';
import type { ByteLine } from '../jsonl/byteLines';
import { readLineRegions, regionLines } from '../jsonl/lineRegions';
import { exampleTokenLimit } from '../models/modelLookup';
import type { DatasetFormat } from '../format/datasetFormat';
import type { OtherFormat } from '../format/otherFormat';
import { DEFAULT_EXAMPLE_TOKEN_LIMIT, DEFAULT_MAX_PROBLEMS_PER_CODE } from '../defaults';
import { byPosition, lineRange, type Problem } from '../problem';
import type { DatasetStats } from '../stats/datasetStats';
import { StatsAccumulator } from '../stats/statsAccumulator';
import type { ExampleTokens } from '../tokens/exampleTokens';
import { DuplicateCandidates } from '../duplicates/duplicateCandidates';
import { FileCheckAccumulator } from '../validation/fileCheckAccumulator';
import type { LineAnalysis } from '../validation/lineAnalysis';
import { FILE_HEAD_BYTES, fileEncodingProblem } from '../validation/fileEncodingProblem';
import { newProblem } from '../validation/newProblem';
import { appliesToOtherFormat, otherFormatProblem } from '../validation/otherFormatProblem';
import { ProblemSink } from '../validation/problemSink';
import { severityFor, type SeverityOverrides } from '../validation/severity';
import { forEachLine } from './compactBatch';
import { analyseLines, type LineVisitor } from './compactLine';
import { confirmDuplicates } from '../duplicates/confirmDuplicates';
import { detectFileFormat } from './detectFileFormat';
import { LinePool, WORKER_LINE_BYTES } from './linePool';
import { RegionBuffers } from './regionBuffers';

/** Options for {@link validateFile}. */
export interface FileValidationOptions {
  /** Forced format; undefined detects it from the first valid lines. */
  readonly format?: DatasetFormat;
  readonly severities?: SeverityOverrides;
  /** Problems kept per code (all are counted). Default {@link DEFAULT_MAX_PROBLEMS_PER_CODE}. */
  readonly maxProblemsPerCode?: number;
  /** Longer lines are reported as `ft.line-too-long` and not checked. Default 64 MiB. */
  readonly maxLineBytes?: number;
  /** Bytes read at a time; default 1 MiB (tests use small reads to put lines across read boundaries). */
  readonly readBytes?: number;
  readonly signal?: AbortSignal;
  /** Count tokens, check the example limit and compute statistics with this model's tokenizer. */
  readonly model?: string;
  readonly defaultExampleTokenLimit?: number;
  /** The bundled line worker (dist/validate-worker.js); without it everything runs on the calling thread. */
  readonly workerPath?: string;
  /** Worker threads to use; default: one per core, at most 4. */
  readonly workers?: number;
  /** Called after each read with the bytes read so far and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What {@link validateFile} found. */
export interface FileValidation {
  readonly format: DatasetFormat | undefined;
  /** Another tool's layout the file is in: then only JSON problems and one "convert it" problem are reported. */
  readonly other: OtherFormat | undefined;
  /** At most `maxProblemsPerCode` per code, sorted by position. */
  readonly problems: Problem[];
  /** Every problem, per code. */
  readonly counts: Record<string, number>;
  readonly lines: number;
  readonly examples: number;
  readonly bytes: number;
  /** Token statistics and cost, when a model was given. */
  readonly stats: DatasetStats | undefined;
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/**
 * The file validator of "Validate File…" and the CLI's validate and stats: a file on disk of any size with bounded
 * memory. Streams it line by line, analyses lines in worker threads (both cores on a two-core machine), and keeps
 * only compact per-line data for the file-level checks and the statistics, fed strictly in line order. Editors use
 * DatasetAnalysis instead; validation/validateText.ts is the reference both are tested against.
 */
export async function validateFile(path: string, options: FileValidationOptions = {}): Promise<FileValidation> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const encodingProblem = fileEncodingProblem(await readHead(path));
  if (encodingProblem !== undefined && severityFor(encodingProblem.code, options.severities ?? {}) !== 'off')
    return unreadableFile(path, encodingProblem, options);
  const { format, other } =
    options.format === undefined
      ? await detectFileFormat(path, { maxLineBytes, signal })
      : { format: options.format, other: undefined };
  const defaultLimit = options.defaultExampleTokenLimit ?? DEFAULT_EXAMPLE_TOKEN_LIMIT;
  const limit = options.model === undefined ? undefined : exampleTokenLimit(options.model, defaultLimit);
  const sink = new ProblemSink(options.severities ?? {}, options.maxProblemsPerCode ?? DEFAULT_MAX_PROBLEMS_PER_CODE);
  // Duplicates are found in two steps: sketches of every line while streaming, exact keys of the few candidates after.
  const files = new FileCheckAccumulator(format, { duplicates: false });
  const duplicates = new DuplicateCandidates();
  const stats =
    options.model !== undefined && limit !== undefined
      ? new StatsAccumulator({ model: options.model, limit })
      : undefined;
  let firstLineLength = 0;
  let lines = 0;

  // Takes the analysis and the tokens apart: copying analyses into new objects per line is measurable on big files.
  const accept = (
    line: Omit<LineAnalysis, 'value'>,
    place: Pick<ByteLine, 'byteOffset' | 'byteLength'>,
    tokens: ExampleTokens | undefined,
  ): void => {
    if (line.line === 0) firstLineLength = line.length;
    if (other !== undefined) {
      // Another tool's layout: its lines are not examples of any format, so only their JSON problems count.
      for (const problem of line.problems) if (appliesToOtherFormat(problem)) sink.add(problem);
      return;
    }
    if (line.problems.length > 0) sink.addAll(line.problems);
    const mixed = files.add(line, line.line);
    if (mixed) sink.add(mixed);
    if (line.exampleSketch !== undefined)
      duplicates.add(line.line, place.byteOffset, place.byteLength, line.exampleSketch, line.promptSketch);
    if (tokens) stats?.add(tokens);
  };
  const buffers = new RegionBuffers();
  const workerCount =
    options.workerPath === undefined ? 0 : Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
  const pool =
    options.workerPath === undefined
      ? undefined
      : new LinePool(
          options.workerPath,
          workerCount,
          { format, model: options.model, defaultExampleTokenLimit: defaultLimit },
          (batch) => forEachLine(batch, (line) => accept(line, line, line.tokens)),
          (buffer) => buffers.give(buffer),
        );
  let counter: TokenCounter | undefined;
  const counterHere = () =>
    options.model === undefined ? undefined : (counter ??= createTokenCounter(options.model, defaultLimit));
  const acceptHere: LineVisitor = (_row, analysis, tokens, line) => accept(analysis, line, tokens);
  const analyseHere = (lines: readonly ByteLine[], validUtf8: boolean): void =>
    analyseLines(lines, { format, counter: counterHere(), validUtf8 }, acceptHere);
  const progress = { bytes: 0, total: 0 };

  try {
    // One region per chunk read (1 MiB): big enough to amortise messaging, small enough to keep workers busy.
    const longLineBytes = pool ? WORKER_LINE_BYTES : maxLineBytes;
    const chunkSize = Math.min(options.readBytes ?? CHUNK_BYTES, longLineBytes, maxLineBytes);
    let seq = 0;
    for await (const item of readLineRegions(countBytes(path, progress, chunkSize, signal), {
      longLineBytes,
      maxLineBytes,
      allocate: (size) => buffers.take(size),
    })) {
      if ('kind' in item) {
        lines = item.firstLine + item.lineCount;
        // Workers take tens of milliseconds to start: until one runs, the first regions of a structural check are
        // analysed here. Not when counting tokens: that takes long enough for the start not to matter, and a
        // tokenizer on this thread too would cost memory.
        if (pool && (seq > 0 || !pool.starting || options.model !== undefined)) {
          await pool.submit({ ...item, seq: seq++ });
        } else {
          analyseHere(regionLines(item), isUtf8(item.bytes));
          buffers.give(item.bytes.buffer as ArrayBuffer);
        }
      } else {
        lines = item.line + 1;
        // Kept off the workers' small heaps: handled here, after every earlier line, to keep the order.
        await pool?.drain();
        if (item.truncated) {
          if (item.line === 0) firstLineLength = 0;
          sink.add(
            newProblem(
              'ft.line-too-long',
              `Line is ${item.byteLength} bytes, more than the ${maxLineBytes}-byte limit; it was not checked`,
              lineRange(item.line, 0, 0),
            ),
          );
        } else {
          analyseHere([item], false);
        }
      }
      options.onProgress?.(progress.bytes, progress.total);
    }
    await pool?.drain();
  } finally {
    await pool?.close();
  }
  signal?.throwIfAborted();
  if (other === undefined) {
    files.finishInto(firstLineLength, sink);
    await confirmDuplicates(path, duplicates.candidates(), format, sink, signal);
  } else {
    sink.add(otherFormatProblem(other, firstLineLength));
  }
  sink.problems.sort(byPosition);
  return {
    format,
    other,
    problems: sink.problems,
    counts: sink.counts,
    lines,
    examples: files.examples,
    bytes: progress.bytes,
    stats: stats?.result(),
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  // Refuses FIFOs, devices and folders without blocking: a plain open of a FIFO with no writer never returns.
  const file = await openInputFile(path);
  try {
    const { buffer, bytesRead } = await file.read(new Uint8Array(FILE_HEAD_BYTES), 0, FILE_HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The result for a file that is not UTF-8 JSONL as a whole: its one problem, no lines read, empty statistics. */
async function unreadableFile(path: string, problem: Problem, options: FileValidationOptions): Promise<FileValidation> {
  const { stat } = await import('node:fs/promises');
  const sink = new ProblemSink(options.severities ?? {}, options.maxProblemsPerCode ?? DEFAULT_MAX_PROBLEMS_PER_CODE);
  sink.add(problem);
  const limit =
    options.model === undefined
      ? undefined
      : exampleTokenLimit(options.model, options.defaultExampleTokenLimit ?? DEFAULT_EXAMPLE_TOKEN_LIMIT);
  return {
    format: undefined,
    other: undefined,
    problems: sink.problems,
    counts: sink.counts,
    lines: 0,
    examples: 0,
    bytes: (await stat(path)).size,
    stats:
      options.model === undefined || limit === undefined
        ? undefined
        : new StatsAccumulator({ model: options.model, limit }).result(),
  };
}

async function* countBytes(
  path: string,
  progress: { bytes: number; total: number },
  chunkSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  const { stat } = await import('node:fs/promises');
  progress.total = (await stat(path)).size;
  for await (const chunk of reusedFileChunks(path, { signal, chunkSize })) {
    signal?.throwIfAborted();
    progress.bytes += chunk.length;
    yield chunk;
  }
}
