import type { ReadAt } from '../model';

// Ranges closer than this are read as one: re-reading a short gap is cheaper than another read call.
const MAX_GAP_BYTES = 64 * 1024;
const MAX_RANGE_BYTES = 8 * 1024 * 1024;

/**
 * Reads the bytes of many rows' texts with few, concurrent reads: `rows` must be sorted by offset; nearby ranges
 * are merged. Returns one view per row, in the order of `rows`.
 */
export async function readTextBytes(
  rows: Int32Array,
  offsets: Float64Array,
  lengths: Uint32Array,
  readAt: ReadAt,
): Promise<Buffer[]> {
  const rangeStarts: number[] = [];
  const rangeEnds: number[] = [];
  const rangeOfRow = new Int32Array(rows.length);
  for (let at = 0; at < rows.length; at++) {
    const start = offsets[rows[at]!]!;
    const end = start + lengths[rows[at]!]!;
    const last = rangeStarts.length - 1;
    if (last >= 0 && start - rangeEnds[last]! <= MAX_GAP_BYTES && end - rangeStarts[last]! <= MAX_RANGE_BYTES) {
      rangeEnds[last] = Math.max(rangeEnds[last]!, end);
    } else {
      rangeStarts.push(start);
      rangeEnds.push(end);
    }
    rangeOfRow[at] = rangeStarts.length - 1;
  }
  const buffers = await Promise.all(
    rangeStarts.map(async (start, range) => {
      const length = rangeEnds[range]! - start;
      const bytes = await readAt(start, length);
      if (bytes.length < length)
        throw new Error(`The input ended early at byte ${start + bytes.length}; did it change during the conversion?`);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }),
  );
  const texts: Buffer[] = [];
  for (let at = 0; at < rows.length; at++) {
    const range = rangeOfRow[at]!;
    const start = offsets[rows[at]!]! - rangeStarts[range]!;
    texts.push(buffers[range]!.subarray(start, start + lengths[rows[at]!]!));
  }
  return texts;
}
