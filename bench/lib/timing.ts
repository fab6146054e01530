/** The faster of two runs, with both times kept for the results file. */
export interface Timed<T> {
  readonly ms: number;
  readonly runsMs: readonly number[];
  /** The value of the faster run. */
  readonly value: T;
}

/** Times one run of `run`. */
export async function timeOnce<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** Runs `run` twice and keeps the faster run: the second usually has warm caches and a warm JIT. */
export async function fasterOfTwo<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const first = await timeOnce(run);
  const second = await timeOnce(run);
  const best = second.ms < first.ms ? second : first;
  return { ms: best.ms, runsMs: [first.ms, second.ms], value: best.value };
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
