import type { ByteLine } from '../jsonl/byteLines';

/**
 * Consecutive lines packed into one buffer, so a batch crosses to a worker thread as a single transferable
 * ArrayBuffer instead of thousands of small messages.
 */
export interface LineBatch {
  readonly seq: number;
  readonly firstLine: number;
  readonly bytes: Uint8Array;
  /** End offset of each line in `bytes` (line i spans ends[i-1]..ends[i]). */
  readonly ends: Uint32Array;
  /** Byte offset of each line in the file, for messages about invalid bytes. */
  readonly fileOffsets: Float64Array;
}

/** Packs lines (consecutive, none truncated) into a batch. */
export function packLines(seq: number, lines: readonly ByteLine[]): LineBatch {
  let size = 0;
  for (const line of lines) size += line.bytes.length;
  const bytes = new Uint8Array(size);
  const ends = new Uint32Array(lines.length);
  const fileOffsets = new Float64Array(lines.length);
  let at = 0;
  lines.forEach((line, i) => {
    bytes.set(line.bytes, at);
    at += line.bytes.length;
    ends[i] = at;
    fileOffsets[i] = line.byteOffset;
  });
  return { seq, firstLine: lines[0]?.line ?? 0, bytes, ends, fileOffsets };
}

/** The lines of a batch as ByteLines again (views into its buffer, no copies). */
export function unpackLines(batch: LineBatch): ByteLine[] {
  const lines: ByteLine[] = [];
  let start = 0;
  for (let i = 0; i < batch.ends.length; i++) {
    const end = batch.ends[i]!;
    lines.push({ line: batch.firstLine + i, byteOffset: batch.fileOffsets[i]!, bytes: batch.bytes.subarray(start, end), byteLength: end - start, truncated: false });
    start = end;
  }
  return lines;
}
