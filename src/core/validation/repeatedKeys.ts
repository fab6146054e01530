const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The indices, ascending, whose 64-bit key (`hi[i]`, `lo[i]`) occurs more than once. Keys are sorted natively as
 * 64-bit integers (no comparator calls, no per-key objects), so a file of millions of distinct examples is cheap;
 * callers then group the few repeated ones however they like.
 */
export function indicesOfRepeatedKeys(hi: Uint32Array, lo: Uint32Array): Uint32Array {
  const count = hi.length;
  const halves = new Uint32Array(count * 2);
  const [high, low] = LITTLE_ENDIAN ? [1, 0] : [0, 1];
  for (let i = 0; i < count; i++) {
    halves[2 * i + high] = hi[i] ?? 0;
    halves[2 * i + low] = lo[i] ?? 0;
  }
  const sorted = new Uint32Array(new BigUint64Array(halves.buffer).sort().buffer);
  // The repeated keys as (hi, lo) pairs in ascending order, each once.
  const repeated: number[] = [];
  for (let i = 1; i < count; i++) {
    const keyHi = sorted[2 * i + high] ?? 0;
    const keyLo = sorted[2 * i + low] ?? 0;
    if (keyHi !== sorted[2 * (i - 1) + high] || keyLo !== sorted[2 * (i - 1) + low]) continue;
    if (repeated.length > 0 && repeated[repeated.length - 2] === keyHi && repeated[repeated.length - 1] === keyLo) continue;
    repeated.push(keyHi, keyLo);
  }
  if (repeated.length === 0) return new Uint32Array(0);
  const indices: number[] = [];
  for (let i = 0; i < count; i++) if (containsPair(repeated, hi[i] ?? 0, lo[i] ?? 0)) indices.push(i);
  return Uint32Array.from(indices);
}

/** Binary search in ascending (hi, lo) pairs. */
function containsPair(pairs: readonly number[], hi: number, lo: number): boolean {
  let from = 0;
  let to = pairs.length / 2 - 1;
  while (from <= to) {
    const middle = (from + to) >>> 1;
    const order = (pairs[2 * middle] ?? 0) - hi || (pairs[2 * middle + 1] ?? 0) - lo;
    if (order === 0) return true;
    if (order < 0) from = middle + 1;
    else to = middle - 1;
  }
  return false;
}

/**
 * The indices, ascending, whose 32-bit value occurs more than once. One pass over an open-addressing table of
 * first occurrences (8 bytes per value at most), linear where a sort would not be.
 */
export function indicesOfRepeatedValues(values: Uint32Array): Uint32Array {
  const count = values.length;
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // The row of the first occurrence of a value, plus one (0: empty slot).
  const firstRows = new Uint32Array(size);
  const repeated = new Uint8Array(count);
  let found = 0;
  for (let row = 0; row < count; row++) {
    const value = values[row]!;
    for (let slot = Math.imul(value, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const first = firstRows[slot]!;
      if (first === 0) {
        firstRows[slot] = row + 1;
        break;
      }
      if (values[first - 1] !== value) continue;
      if (repeated[first - 1] === 0) {
        repeated[first - 1] = 1;
        found++;
      }
      repeated[row] = 1;
      found++;
      break;
    }
  }
  const indices = new Uint32Array(found);
  for (let row = 0, at = 0; at < found; row++) if (repeated[row] === 1) indices[at++] = row;
  return indices;
}
