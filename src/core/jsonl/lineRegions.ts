import type { ByteLine } from './byteLines';

/**
 * Consecutive whole lines in one buffer of their own: each line ends with `\n` except, at the end of the input, the
 * last. Nothing is split per line, so a reader can hand a region to a worker thread as it is.
 */
export interface LineRegion {
  readonly kind: 'region';
  readonly firstLine: number;
  /** Byte offset of the region's first byte in the input. */
  readonly byteOffset: number;
  readonly bytes: Uint8Array;
  readonly lineCount: number;
}

/** Options for {@link readLineRegions}. */
export interface LineRegionOptions {
  /** Lines longer than this come out on their own as a ByteLine, not inside a region. */
  readonly longLineBytes: number;
  /** Longest line kept whole; longer lines keep their first bytes only. */
  readonly maxLineBytes: number;
  /** Memory for each region's bytes (a consumer may recycle buffers); default: a new buffer per region. */
  readonly allocate?: (size: number) => Uint8Array;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Splits a stream of chunks (each valid only until the next is requested) into {@link LineRegion}s, one per chunk,
 * plus each line longer than `longLineBytes` on its own, all in input order. Per chunk the work is two native
 * searches and a copy; lines are only counted. Memory: one chunk, one region and one capped long line. Chunks must
 * not be longer than `longLineBytes` or `maxLineBytes`, so that every line inside a region is at most that long.
 */
export async function* readLineRegions(
  chunks: AsyncIterable<Uint8Array>,
  options: LineRegionOptions,
): AsyncGenerator<LineRegion | ByteLine> {
  const { longLineBytes, maxLineBytes } = options;
  const allocate = options.allocate ?? ((size: number) => new Uint8Array(size));
  let line = 0;
  let offset = 0;
  // The line begun in earlier chunks: its first bytes (capped) and its full length so far.
  let pending: Uint8Array[] = [];
  let pendingKept = 0;
  let pendingLength = 0;

  const isLong = (length: number): boolean => length > longLineBytes || length > maxLineBytes;
  const keepPending = (bytes: Uint8Array): void => {
    pendingLength += bytes.length;
    const room = maxLineBytes - pendingKept;
    if (room <= 0 || bytes.length === 0) return;
    // A copy even when the chunk is a Buffer (whose own slice is a view): the chunk's memory is reused.
    const kept = Uint8Array.prototype.slice.call(bytes, 0, Math.min(bytes.length, room));
    pending.push(kept);
    pendingKept += kept.length;
  };
  const takePending = (): Uint8Array => {
    const bytes = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending);
    pending = [];
    pendingKept = 0;
    pendingLength = 0;
    return bytes;
  };
  const longLine = (bytes: Uint8Array, length: number): ByteLine => {
    let kept = bytes;
    let byteLength = length;
    if (length === bytes.length && bytes[bytes.length - 1] === CARRIAGE_RETURN) {
      kept = bytes.subarray(0, bytes.length - 1);
      byteLength--;
    }
    const result: ByteLine = { line, byteOffset: offset, bytes: kept, byteLength, truncated: byteLength > kept.length };
    line++;
    offset += length + 1;
    return result;
  };

  for await (const chunk of chunks) {
    let start = 0;
    if (pendingLength > 0) {
      const newline = bufferView(chunk).indexOf(NEWLINE);
      if (newline === -1) {
        keepPending(chunk);
        continue;
      }
      if (isLong(pendingLength + newline)) {
        keepPending(chunk.subarray(0, newline));
        const length = pendingLength;
        yield longLine(takePending(), length);
        start = newline + 1;
      }
    }
    const last = bufferView(chunk).lastIndexOf(NEWLINE);
    if (last < start) {
      keepPending(chunk.subarray(start));
      continue;
    }
    const head = pendingLength > 0 ? takePending() : undefined;
    const body = chunk.subarray(start, last + 1);
    const bytes = allocate((head?.length ?? 0) + body.length);
    if (head) bytes.set(head);
    bytes.set(body, head?.length ?? 0);
    // The first newline of the body ends the pending line, so counting the body's newlines counts it too.
    const lineCount = countNewlines(body);
    const region: LineRegion = { kind: 'region', firstLine: line, byteOffset: offset, bytes, lineCount };
    // Counted before the yield: the consumer may transfer the buffer to a worker, which empties this view of it.
    line += lineCount;
    offset += bytes.length;
    yield region;
    keepPending(chunk.subarray(last + 1));
  }
  if (pendingLength > 0) {
    const length = pendingLength;
    if (isLong(length)) {
      yield longLine(takePending(), length);
      return;
    }
    const pendingBytes = takePending();
    const bytes = allocate(pendingBytes.length);
    bytes.set(pendingBytes);
    yield { kind: 'region', firstLine: line, byteOffset: offset, bytes, lineCount: 1 };
  }
}

function countNewlines(bytes: Uint8Array): number {
  const view = bufferView(bytes);
  let count = 0;
  for (let at = view.indexOf(NEWLINE); at !== -1; at = view.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** The same bytes as a Buffer, without a copy: Buffer's indexOf is a native memchr, several times faster than Uint8Array's. */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The lines of a region, as views into its buffer (no copies), without their `\n` or `\r\n`. */
export function regionLines(region: LineRegion): ByteLine[] {
  const { bytes } = region;
  const view = bufferView(bytes);
  const lines: ByteLine[] = [];
  let start = 0;
  for (let row = 0; row < region.lineCount; row++) {
    const newline = view.indexOf(NEWLINE, start);
    const next = newline === -1 ? bytes.length : newline + 1;
    let end = newline === -1 ? bytes.length : newline;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    lines.push({
      line: region.firstLine + row,
      byteOffset: region.byteOffset + start,
      bytes: bytes.subarray(start, end),
      byteLength: end - start,
      truncated: false,
    });
    start = next;
  }
  return lines;
}
