import { availableParallelism } from 'node:os';
import { createTokenCounter, type TokenCounter } from '../analysis/lineTokens';
import { reusedFileChunks } from '../io/reusedFileChunks';
import { readLineBatches, type ByteLine } from '../jsonl/byteLines';
import { exampleTokenLimit } from '../models/modelLookup';
import { lineRange } from '../problem';
import type { DatasetStats } from '../stats/datasetStats';
import { StatsAccumulator } from '../stats/statsAccumulator';
import type { ExampleTokens } from '../tokens/exampleTokens';
import { FileCheckAccumulator } from '../validation/fileCheckAccumulator';
import type { LineAnalysis } from '../validation/lineAnalysis';
import { newProblem } from '../validation/newProblem';
import { ProblemSink } from '../validation/problemSink';
import type { StreamValidation, StreamValidationOptions } from '../validation/validateStream';
import { byPosition } from '../validation/validateText';
import { forEachLine } from './compactBatch';
import { analyseLines, type LineVisitor } from './compactLine';
import { detectFileFormat } from './detectFileFormat';
import { packLines } from './lineBatch';
import { LinePool, WORKER_LINE_BYTES } from './linePool';

/** Options for {@link validateFile}: those of the single-stream validator, plus tokens and threads. */
export interface FileValidationOptions extends Omit<StreamValidationOptions, 'onProgress'> {
  /** Count tokens, check the example limit and compute statistics with this model's tokenizer. */
  readonly model?: string;
  readonly defaultExampleTokenLimit?: number;
  /** The bundled line worker (dist/validate-worker.js); without it everything runs on the calling thread. */
  readonly workerPath?: string;
  /** Worker threads to use; default: one per core, at most 4. */
  readonly workers?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What {@link validateFile} found: what the stream validator reports, plus statistics. */
export interface FileValidation extends StreamValidation {
  /** Token statistics and cost, when a model was given. */
  readonly stats: DatasetStats | undefined;
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Validates a file on disk of any size with bounded memory: streams it line by line, analyses lines in worker
 * threads (both cores on a two-core machine), and keeps only compact per-line data for the file-level checks and
 * the statistics, fed strictly in line order.
 */
export async function validateFile(path: string, options: FileValidationOptions = {}): Promise<FileValidation> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const format = options.format ?? (await detectFileFormat(path, { maxLineBytes, signal }));
  const defaultLimit = options.defaultExampleTokenLimit ?? 65_536;
  const limit = options.model === undefined ? undefined : exampleTokenLimit(options.model, defaultLimit);
  const sink = new ProblemSink(options.severities ?? {}, options.maxProblemsPerCode ?? 100);
  const files = new FileCheckAccumulator(format);
  const stats = options.model !== undefined && limit !== undefined ? new StatsAccumulator({ model: options.model, limit }) : undefined;
  let firstLineLength = 0;
  let lines = 0;

  // Takes the analysis and the tokens apart: copying analyses into new objects per line is measurable on big files.
  const accept = (line: Omit<LineAnalysis, 'value'>, tokens: ExampleTokens | undefined): void => {
    if (line.line === 0) firstLineLength = line.length;
    if (line.problems.length > 0) sink.addAll(line.problems);
    const mixed = files.add(line, line.line);
    if (mixed) sink.add(mixed);
    if (tokens) stats?.add(tokens);
  };
  const workerCount = options.workerPath === undefined ? 0 : Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
  const pool = options.workerPath === undefined ? undefined : new LinePool(options.workerPath, workerCount, { format, model: options.model, defaultExampleTokenLimit: defaultLimit }, (batch) => forEachLine(batch, (line) => accept(line, line.tokens)));
  let counter: TokenCounter | undefined;
  const counterHere = () => (options.model === undefined ? undefined : (counter ??= createTokenCounter(options.model, defaultLimit)));
  const acceptHere: LineVisitor = (_row, analysis, tokens) => accept(analysis, tokens);
  const progress = { bytes: 0, total: 0 };

  try {
    // One batch per chunk read (1 MiB): big enough to amortise messaging, small enough to keep workers busy.
    let pending: ByteLine[] = [];
    let seq = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      if (pool) await pool.submit(packLines(seq++, pending));
      else analyseLines(pending, format, counterHere(), acceptHere);
      pending = [];
    };
    for await (const batch of readLineBatches(countBytes(path, progress, signal), { maxLineBytes })) {
      for (const line of batch) {
        lines = line.line + 1;
        if (line.truncated) {
          await flush();
          if (line.line === 0) firstLineLength = 0;
          sink.add(newProblem('ft.line-too-long', `Line is ${line.byteLength} bytes, more than the ${maxLineBytes}-byte limit; it was not checked`, lineRange(line.line, 0, 0)));
          continue;
        }
        if (pool && line.bytes.length > WORKER_LINE_BYTES) {
          // Kept off the workers' small heaps: analysed here, after every earlier line, to keep the order.
          await flush();
          await pool.drain();
          analyseLines([line], format, counterHere(), acceptHere);
          continue;
        }
        pending.push(line);
      }
      await flush();
      options.onProgress?.(progress.bytes, progress.total);
    }
    await flush();
    await pool?.drain();
  } finally {
    await pool?.close();
  }
  signal?.throwIfAborted();
  files.finishInto(firstLineLength, sink);
  sink.problems.sort(byPosition);
  return { format, problems: sink.problems, counts: sink.counts, lines, examples: files.examples, bytes: progress.bytes, stats: stats?.result() };
}

async function* countBytes(path: string, progress: { bytes: number; total: number }, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  const { stat } = await import('node:fs/promises');
  progress.total = (await stat(path)).size;
  for await (const chunk of reusedFileChunks(path, { signal })) {
    signal?.throwIfAborted();
    progress.bytes += chunk.length;
    yield chunk;
  }
}
