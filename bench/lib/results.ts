/** A goal for one measured number: at most (times, milliseconds, megabytes) or at least (throughput) `value`. */
export interface Target {
  readonly label: string;
  readonly value: number;
  readonly atMost: boolean;
}

/** One line of the results table. */
export interface CaseRow {
  readonly id: string;
  readonly name: string;
  /** What ours is compared with, already formatted ("0.82 s", "19 s (ref)"). */
  readonly baseline: string;
  readonly ours: string;
  /** Ours over baseline (or baseline over ours for throughput), formatted; empty when not a comparison. */
  readonly ratio: string;
  /** The number checked against the target; undefined for rows that only inform. */
  readonly measured?: number;
  readonly target?: Target;
  readonly rss?: string;
  /** Raw numbers and counts for results.json. */
  readonly details?: Record<string, unknown>;
}

/** A case that threw: reported in the table, and the bench exits 1. */
export interface CaseFailure {
  readonly id: string;
  readonly name: string;
  readonly error: string;
}

export function verdict(row: CaseRow): 'PASS' | 'FAIL' | 'info' {
  if (row.target === undefined || row.measured === undefined) return 'info';
  const ok = row.target.atMost ? row.measured <= row.target.value : row.measured >= row.target.value;
  return ok ? 'PASS' : 'FAIL';
}

export function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function millis(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

export function times(ratio: number): string {
  // Small ratios (an edit against a full pass) keep three significant digits instead of rounding to 0.00.
  return ratio < 0.1 ? `${ratio.toPrecision(3)}×` : `${ratio.toFixed(2)}×`;
}

/** Kilobytes (as maxRSS reports them) to a megabyte figure. */
export function megabytes(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}
