import type { DatasetFormat } from '../format/datasetFormat';
import { readLineBatches, type ByteLine } from '../jsonl/byteLines';
import { lineRange, type Problem } from '../problem';
import { LineDecoder } from './lineDecoder';
import { newProblem } from './newProblem';
import { ProblemSink } from './problemSink';
import type { SeverityOverrides } from './severity';
import { StreamChecker } from './streamChecker';
import { byPosition } from './validateText';

/** Options for {@link validateByteStream}. */
export interface StreamValidationOptions {
  /** Forced format; undefined detects it from the first valid lines. */
  readonly format?: DatasetFormat;
  readonly severities?: SeverityOverrides;
  /** Problems kept per code (all are counted). Default 100. */
  readonly maxProblemsPerCode?: number;
  /** Longer lines are reported as `ft.line-too-long` and not checked. Default 64 MiB. */
  readonly maxLineBytes?: number;
  readonly signal?: AbortSignal;
  /** Called after each chunk with the number of bytes read so far. */
  readonly onProgress?: (bytesRead: number) => void;
}

/** The result of {@link validateByteStream}. */
export interface StreamValidation {
  readonly format: DatasetFormat | undefined;
  /** At most `maxProblemsPerCode` per code, sorted by position. */
  readonly problems: Problem[];
  /** Every problem, per code. */
  readonly counts: Record<string, number>;
  readonly lines: number;
  readonly examples: number;
  readonly bytes: number;
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const ABORT_CHECK_LINES = 1024;

/**
 * Validates a file that is not open in an editor, of any size: reads byte chunks line by line, decodes each line as
 * strict UTF-8, runs the same line checks as the editor and keeps only compact data for the file checks. Rejects
 * with the signal's reason when it aborts.
 */
export async function validateByteStream(chunks: AsyncIterable<Uint8Array>, options: StreamValidationOptions = {}): Promise<StreamValidation> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const sink = new ProblemSink(options.severities ?? {}, options.maxProblemsPerCode ?? 100);
  const checker = new StreamChecker(options.format, sink);
  const decoder = new LineDecoder();
  const progress = { bytes: 0 };
  let lines = 0;
  let firstLineLength = 0;
  for await (const batch of readLineBatches(countBytes(chunks, progress, signal), { maxLineBytes })) {
    for (let i = 0; i < batch.length; i++) {
      if (i % ABORT_CHECK_LINES === ABORT_CHECK_LINES - 1) signal?.throwIfAborted();
      const byteLine = batch[i] as ByteLine;
      lines = byteLine.line + 1;
      if (byteLine.truncated) {
        const message = `Line is ${byteLine.byteLength} bytes, more than the ${maxLineBytes}-byte limit; it was not checked`;
        sink.add(newProblem('ft.line-too-long', message, lineRange(byteLine.line, 0, 0)));
        continue;
      }
      const text = decoder.decode(byteLine, (problem) => sink.add(problem));
      if (byteLine.line === 0) firstLineLength = text.length;
      checker.add(text, byteLine.line);
    }
    options.onProgress?.(progress.bytes);
  }
  signal?.throwIfAborted();
  checker.finish(firstLineLength);
  sink.problems.sort(byPosition);
  return { format: checker.format, problems: sink.problems, counts: sink.counts, lines, examples: checker.examples, bytes: progress.bytes };
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, progress: { bytes: number }, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    progress.bytes += chunk.length;
    yield chunk;
  }
}
