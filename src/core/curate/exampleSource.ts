import { fileChunks } from '../io/fileChunks';
import { readLineBatches, type ByteLine } from '../jsonl/byteLines';
import type { ReportBuilder } from './report';

/** The examples found in one chunk of input. */
export interface ExampleBatch {
  /** The lines as parsed: no terminator, no `\r` before `\n`. Line numbers count every input line. */
  readonly lines: readonly ByteLine[];
  /** For each line, the bytes to copy: the line exactly as in the file, a CRLF line's `\r` included. */
  readonly raw: readonly Uint8Array[];
}

/** Options for {@link readExamples}. */
export interface ExampleSourceOptions {
  readonly signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  readonly onBytes?: (bytesRead: number) => void;
  /** Receives `read` counts and notes for skipped lines; omit on a second pass over the same file. */
  readonly report?: ReportBuilder;
  /** Named in the report's notes (when an operation reads several files). */
  readonly reportPath?: string;
  /** Lines longer than this are skipped and reported rather than held whole. Default 64 MiB. */
  readonly maxLineBytes?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const CR_BYTES = Uint8Array.of(CARRIAGE_RETURN);

/**
 * Streams the examples of a JSONL file in batches with bounded memory. Blank lines (only spaces, tabs or `\r`)
 * and lines over `maxLineBytes` are not yielded; they are counted and noted in the report instead. A UTF-8 byte
 * order mark at the start belongs to the file, not to the first example, so it is dropped (with a warning).
 */
export async function* readExamples(path: string, options: ExampleSourceOptions = {}): AsyncGenerator<ExampleBatch> {
  const { report, reportPath, signal } = options;
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  let bytesRead = 0;
  let lastByte = -1;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fileChunks(path, { signal })) {
      bytesRead += chunk.length;
      lastByte = chunk[chunk.length - 1] ?? lastByte;
      yield chunk;
    }
  }

  let lines: ByteLine[] = [];
  let raw: Uint8Array[] = [];
  // A line's terminator (LF or CRLF) is known from where the next line starts, so each batch's last line waits.
  const accept = (line: ByteLine, terminatorBytes: number): void => {
    if (report) report.read++;
    if (line.truncated) {
      report?.skip(line.line, `longer than ${formatBytes(maxLineBytes)}; not copied`, reportPath);
      return;
    }
    let bytes = line.bytes;
    let copy = terminatorBytes === 2 ? withCarriageReturn(bytes) : bytes;
    if (line.line === 0 && hasByteOrderMark(bytes)) {
      report?.warn(0, 'UTF-8 byte order mark at the start of the file removed', reportPath);
      bytes = bytes.subarray(3);
      copy = copy.subarray(3);
      line = { ...line, bytes, byteOffset: 3, byteLength: bytes.length };
    }
    if (isBlank(bytes)) {
      report?.skip(line.line, 'blank line', reportPath);
      return;
    }
    lines.push(line);
    raw.push(copy);
  };

  let waiting: ByteLine | undefined;
  for await (const batch of readLineBatches(counted(), { maxLineBytes })) {
    signal?.throwIfAborted();
    for (const line of batch) {
      if (waiting) accept(waiting, line.byteOffset - waiting.byteOffset - waiting.byteLength);
      waiting = line;
    }
    options.onBytes?.(bytesRead);
    if (lines.length > 0) {
      yield { lines, raw };
      lines = [];
      raw = [];
    }
  }
  if (waiting) {
    const rest = bytesRead - waiting.byteOffset - waiting.byteLength;
    // Without a final LF, a remaining byte can only be a `\r` that the line reader removed.
    accept(waiting, lastByte === NEWLINE ? rest : rest + 1);
    if (lines.length > 0) yield { lines, raw };
  }
}

/** The line's bytes plus the `\r` that followed them, viewed in place when the buffer still holds it. */
function withCarriageReturn(bytes: Uint8Array): Uint8Array {
  const end = bytes.byteOffset + bytes.length;
  if (end < bytes.buffer.byteLength && new Uint8Array(bytes.buffer, end, 1)[0] === CARRIAGE_RETURN) {
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length + 1);
  }
  return Buffer.concat([bytes, CR_BYTES]);
}

function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 32 && byte !== 9 && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
