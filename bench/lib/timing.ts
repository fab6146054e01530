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

/**
 * Runs each of `runs` in turn, `rounds` times over (a, b, c, a, b, c, …), and keeps each one's fastest run: a
 * baseline and the code it is compared with then see the same machine, even when its speed drifts (a shared VM).
 */
export async function fastestInterleaved<T>(rounds: number, runs: readonly (() => Promise<T>)[]): Promise<Timed<T>[]> {
  const all: { ms: number; value: T }[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, run] of runs.entries()) all[index]!.push(await timeOnce(run));
  }
  return all.map((timed) => {
    const best = timed.reduce((a, b) => (b.ms < a.ms ? b : a));
    return { ms: best.ms, runsMs: timed.map((t) => t.ms), value: best.value };
  });
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
