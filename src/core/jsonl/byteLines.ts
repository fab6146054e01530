/** One line read from bytes, without its terminator (`\n` or `\r\n`). */
export interface ByteLine {
  /** Zero-based line number. */
  readonly line: number;
  /** Byte offset of the line's first byte in the whole input. */
  readonly byteOffset: number;
  /** The line's bytes; only the first `maxLineBytes` when `truncated`. */
  readonly bytes: Uint8Array;
  /** Full length of the line in bytes, also when truncated. */
  readonly byteLength: number;
  /** True when the line was longer than `maxLineBytes` and only its start was kept. */
  readonly truncated: boolean;
}

/** Options for {@link readLineBatches}. */
export interface ByteLineOptions {
  /** Longest line kept whole; longer lines keep their first bytes only, so memory stays bounded. Default 64 MiB. */
  readonly maxLineBytes?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Splits a stream of byte chunks into lines, one batch per chunk, without decoding and without holding more than
 * one chunk plus one (capped) pending line. Batching keeps per-line overhead low on multi-gigabyte files.
 */
export async function* readLineBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: ByteLineOptions = {},
): AsyncGenerator<ByteLine[]> {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let pendingLength = 0;
  let line = 0;
  let lineOffset = 0;

  const finishLine = (tail: Uint8Array, batch: ByteLine[]): void => {
    let bytes: Uint8Array;
    let length = pendingLength + tail.length;
    if (pending.length === 0) {
      bytes = tail.length > maxLineBytes ? tail.subarray(0, maxLineBytes) : tail;
    } else {
      const room = Math.max(0, maxLineBytes - pendingBytes);
      pending.push(tail.subarray(0, Math.min(tail.length, room)));
      bytes = Buffer.concat(pending);
    }
    const end = bytes.length;
    const fullLength = length;
    if (end > 0 && bytes.length === length && bytes[end - 1] === CARRIAGE_RETURN) {
      bytes = bytes.subarray(0, end - 1);
      length -= 1;
    }
    batch.push({ line, byteOffset: lineOffset, bytes, byteLength: length, truncated: length > bytes.length });
    line++;
    lineOffset += fullLength + 1;
    pending = [];
    pendingBytes = 0;
    pendingLength = 0;
  };

  for await (const chunk of chunks) {
    const batch: ByteLine[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) break;
      finishLine(chunk.subarray(start, newline), batch);
      start = newline + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pendingLength += rest.length;
      const room = maxLineBytes - pendingBytes;
      if (room > 0) {
        // Copy: the caller may reuse the chunk's buffer after we yield.
        const kept = Uint8Array.prototype.slice.call(rest, 0, Math.min(rest.length, room));
        pending.push(kept);
        pendingBytes += kept.length;
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (pendingLength > 0) {
    const batch: ByteLine[] = [];
    finishLine(new Uint8Array(0), batch);
    yield batch;
  }
}

/** Per-line convenience over {@link readLineBatches}. */
export async function* readByteLines(
  chunks: AsyncIterable<Uint8Array>,
  options: ByteLineOptions = {},
): AsyncGenerator<ByteLine> {
  for await (const batch of readLineBatches(chunks, options)) yield* batch;
}
