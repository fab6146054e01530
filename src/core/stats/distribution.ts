/** Summary of one per-example quantity across a dataset. */
export interface Distribution {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly median: number;
  /** The true 5th and 95th percentiles (see {@link quantileSorted}). */
  readonly p5: number;
  readonly p95: number;
}

/** A sorted, non-empty run of numbers (a typed-array view or an array). */
export type SortedNumbers = ArrayLike<number>;

/**
 * The `q` quantile (0 ≤ q ≤ 1) of ascending `sorted`, by linear interpolation between the closest ranks: the value at
 * fractional index h = (n − 1)·q, between x[⌊h⌋] and x[⌊h⌋ + 1]. This is numpy's default (`method="linear"`,
 * Hyndman & Fan type 7), computed as numpy does it, interpolating from the nearer end, so results agree with
 * `np.quantile` to the last bit.
 */
export function quantileSorted(sorted: SortedNumbers, q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const a = sorted[below]!;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  const t = h - below;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** The median of ascending `sorted`: the middle value, or the mean of the two middle values (as `np.median`). */
export function medianSorted(sorted: SortedNumbers): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The summary of ascending, non-empty `sorted` whose values add up to `sum`. */
export function distributionOf(sorted: SortedNumbers, sum: number): Distribution {
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    median: medianSorted(sorted),
    p5: quantileSorted(sorted, 0.05),
    p95: quantileSorted(sorted, 0.95),
  };
}
