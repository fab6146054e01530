/**
 * The indices, ascending, whose 64-bit key (`hi[i]`, `lo[i]`) occurs more than once. One pass over an
 * open-addressing table of first occurrences (4 to 8 bytes per key, no per-key objects), so a file of millions of
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
  let bits = 4;
  while (1 << bits < count * 2) bits++;
  const mask = (1 << bits) - 1;
  // The row of the first occurrence of a key, plus one (0: empty slot).
  const firstRows = new Uint32Array(1 << bits);
  const repeated = new Uint8Array(count);
  let found = 0;
  for (let row = 0; row < count; row++) {
    const low = lo[row]!;
    const high = hi === undefined ? 0 : hi[row]!;
    // Multiplicative hashing keeps the top bits, which every bit of the key reaches.
    for (
      let slot = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
      ;
      slot = (slot + 1) & mask
    ) {
      const first = firstRows[slot]!;
      if (first === 0) {
        firstRows[slot] = row + 1;
        break;
      }
      if (lo[first - 1] !== low || (hi !== undefined && hi[first - 1] !== high)) continue;
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
