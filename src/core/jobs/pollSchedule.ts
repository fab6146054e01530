/**
 * When to ask the server about jobs again. Polling costs requests (and rate limit) on the user's key, so it runs only
 * while some job can still change, quickly while the user is looking, slowly otherwise, and backs off when the server
 * fails. One poll covers every job of a connection (one list request), never one per job.
 */

/** While the window is focused. */
export const FOCUSED_DELAY_MS = 5_000;
/** While it is not: the user will see the state when they come back (focus polls at once). */
export const UNFOCUSED_DELAY_MS = 30_000;
/** The longest wait after failures. */
export const MAX_BACKOFF_MS = 5 * 60_000;

export interface PollInputs {
  /** Whether any job of the connection can still change (see isUnfinished in ./jobState). */
  unfinished: boolean;
  focused: boolean;
  /** Polls that failed in a row (0 after a success). */
  consecutiveErrors: number;
}

/** The delay before the next poll, or undefined when nothing needs polling. Errors double it up to 5 min. */
export function nextPollDelay({ unfinished, focused, consecutiveErrors }: PollInputs): number | undefined {
  if (!unfinished) return undefined;
  const base = focused ? FOCUSED_DELAY_MS : UNFOCUSED_DELAY_MS;
  const errors = Math.max(0, Math.min(consecutiveErrors, 20));
  return Math.min(MAX_BACKOFF_MS, base * 2 ** errors);
}

/** The clock and timer the jobs watcher uses; tests pass fake ones. */
export interface PollTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: PollTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
