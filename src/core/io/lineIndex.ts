import type { FileHandle } from 'node:fs/promises';
import { fileError } from './fileErrors';
import { openInputFile } from './inputFile';
import { readRange } from './randomAccess';

/** A file's lines, read on demand from disk by their remembered byte offsets; close it when done. */
export interface LineIndex {
  readonly path: string;
  /** Lines in the file; a final line break does not start an empty last line (as the validator counts). */
  readonly lineCount: number;
  readonly byteLength: number;
  /**
   * Lines start … start+count-1 (clamped), decoded as UTF-8 (invalid bytes → U+FFFD), without \r\n / \n (and a \r
   * ending the file, as the validator drops it), a BOM stripped from line 0. Reads only those lines' bytes, in one read.
   */
  readLines(start: number, count: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Options for {@link indexLines}. */
export interface LineIndexOptions {
  /** Stops the indexing pass; the promise then rejects with the signal's abort error. */
  readonly signal?: AbortSignal;
  /** Called after each chunk of the indexing pass; `byteLength` is the size when the file was opened. */
  onProgress?(bytesRead: number, byteLength: number): void;
  /** Bytes read at a time while indexing; default 1 MiB (tests use small reads to put lines across reads). */
  readonly chunkSize?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const BYTE_ORDER_MARK = '\uFEFF';
// The BOM is stripped by hand from line 0 only: a decoder that strips it would also strip it from any other line.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Indexes where each line of a file starts in one streaming pass, keeping one number per line and no text, so a
 * file too large for a text document can be paged from disk. The file stays open (one handle, so the reads see the
 * file that was indexed even if its path is replaced) until `close`. Only regular files are read.
 */
export async function indexLines(path: string, options: LineIndexOptions = {}): Promise<LineIndex> {
  options.signal?.throwIfAborted();
  const handle = await openInputFile(path);
  try {
    const { starts, byteLength } = await indexHandle(handle, path, options);
    return openedIndex(handle, path, starts, byteLength);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** Offsets of line starts, ending with the offset after the last line's (real or implied) line break. */
async function indexHandle(
  handle: FileHandle,
  path: string,
  options: LineIndexOptions,
): Promise<{ starts: LineOffsets; byteLength: number }> {
  const chunkSize = options.chunkSize ?? 1024 * 1024;
  const sizeWhenOpened = (
    await handle.stat().catch((error: unknown) => {
      throw fileError('read', path, error);
    })
  ).size;
  const buffer = Buffer.allocUnsafe(chunkSize);
  const starts = new LineOffsets();
  starts.push(0);
  let offset = 0;
  // Read to the end actually found, not the size from stat: a file still being written is indexed as far as it goes.
  for (;;) {
    options.signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, 0, chunkSize, offset).catch((error: unknown) => {
      throw fileError('read', path, error);
    });
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) starts.push(offset + at + 1);
    offset += bytesRead;
    options.onProgress?.(offset, Math.max(sizeWhenOpened, offset));
  }
  options.signal?.throwIfAborted();
  // A last line without a line break ends where one would have been, so every line ends one byte before the next start.
  if (starts.at(starts.length - 1) !== offset) starts.push(offset + 1);
  return { starts: starts.trimmed(), byteLength: offset };
}

function openedIndex(handle: FileHandle, path: string, starts: LineOffsets, byteLength: number): LineIndex {
  const lineCount = starts.length - 1;
  let closed = false;
  return {
    path,
    lineCount,
    byteLength,
    async readLines(start: number, count: number): Promise<string[]> {
      if (closed) throw new Error(`Cannot read ${path}: its line index is closed`);
      const first = Math.max(0, Math.floor(start));
      const last = Math.min(lineCount, Math.floor(start + count)) - 1;
      // Negated so that NaN arguments give no lines too.
      if (!(first <= last)) return [];
      // One read for the whole range: the lines are contiguous on disk.
      const from = starts.at(first);
      const bytes = await readRange(handle, path, from, starts.at(last + 1) - 1 - from);
      const lines: string[] = [];
      for (let line = first; line <= last; line++) {
        const lineStart = starts.at(line) - from;
        let lineEnd = Math.min(bytes.length, starts.at(line + 1) - 1 - from);
        if (lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN) lineEnd--;
        const text = utf8.decode(bytes.subarray(Math.min(lineStart, lineEnd), lineEnd));
        lines.push(line === 0 && text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text);
      }
      return lines;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

const LOW_WORD = 2 ** 32;

/**
 * A growing list of ascending byte offsets at four bytes each: the low 32 bits in a typed array, and the few line
 * numbers where the high bits step up (every 4 GiB of file) in a plain array. Half the memory of a Float64Array.
 * Exported for tests, which cannot write a file over 4 GiB.
 */
export class LineOffsets {
  private low = new Uint32Array(1024);
  /** Entry k: the first index whose offset is at least (k+1)·2³². Repeated when one line spans several steps. */
  private readonly highSteps: number[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends an offset no smaller than the last one. */
  push(offset: number): void {
    if (this.count === this.low.length) {
      const grown = new Uint32Array(Math.max(1024, this.low.length * 2));
      grown.set(this.low);
      this.low = grown;
    }
    while (offset >= (this.highSteps.length + 1) * LOW_WORD) this.highSteps.push(this.count);
    this.low[this.count++] = offset % LOW_WORD;
  }

  /** The offset at `index` (0 ≤ index < length). */
  at(index: number): number {
    let high = 0;
    while (high < this.highSteps.length && (this.highSteps[high] as number) <= index) high++;
    return high * LOW_WORD + (this.low[index] as number);
  }

  /** Drops the unused room left by growing, so a finished index holds exactly one number per offset. */
  trimmed(): this {
    this.low = this.low.slice(0, this.count);
    return this;
  }
}
