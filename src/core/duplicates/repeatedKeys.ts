import { KeyTable } from './keyTable';

/**
 * The indices, ascending, whose 64-bit key (`hi[i]`, `lo[i]`) occurs more than once. One pass over a
 * {@link KeyTable} of first occurrences (4 to 8 bytes per key, no per-key objects), so a file of millions of
 * distinct examples is cheap; callers then group the few repeated ones however they like.
 */
export function indicesOfRepeatedKeys(hi: Uint32Array, lo: Uint32Array): Uint32Array {
  return repeatedIndices(lo, hi);
}

/** The indices, ascending, whose 32-bit value occurs more than once (see {@link indicesOfRepeatedKeys}). */
export function indicesOfRepeatedValues(values: Uint32Array): Uint32Array {
  return repeatedIndices(values, undefined);
}

function repeatedIndices(lo: Uint32Array, hi: Uint32Array | undefined): Uint32Array {
  const count = lo.length;
  const table = new KeyTable({ high: hi === undefined ? () => 0 : (row) => hi[row]!, low: (row) => lo[row]! }, count);
  const repeated = new Uint8Array(count);
  let found = 0;
  for (let row = 0; row < count; row++) {
    const first = table.firstRow(hi === undefined ? 0 : hi[row]!, lo[row]!, row);
    if (first === -1) continue;
    if (repeated[first] === 0) {
      repeated[first] = 1;
      found++;
    }
    repeated[row] = 1;
    found++;
  }
  const indices = new Uint32Array(found);
  for (let row = 0, at = 0; at < found; row++) if (repeated[row] === 1) indices[at++] = row;
  return indices;
}
