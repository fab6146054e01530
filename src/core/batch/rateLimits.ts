/**
 * OpenAI-style rate-limit headers, and the per-connection gate a batch run waits at before each request. A server's
 * 429 or an exhausted budget pauses every request to that connection, not only the one that was told: the others
 * would be refused the same way.
 */

/** What a response said about the connection's limits; absent fields were not sent (or not understood). */
export interface RateLimits {
  /** From `retry-after-ms`, else `retry-after` (seconds or an HTTP date). */
  readonly retryAfterMs?: number;
  readonly remainingRequests?: number;
  /** Until the request budget is refilled (`x-ratelimit-reset-requests`). */
  readonly resetRequestsMs?: number;
  readonly remainingTokens?: number;
  /** Until the token budget is refilled (`x-ratelimit-reset-tokens`). */
  readonly resetTokensMs?: number;
}

/** Time and timers, injectable so tests drive them by hand. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque: whatever the clock's setTimeout returned (Node's Timeout object, a browser's number). */
export type TimerHandle = object | number;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Reads the headers; `now` turns an HTTP-date `retry-after` into a wait. */
export function parseRateLimits(headers: Headers, now: number = Date.now()): RateLimits {
  const limits: {
    retryAfterMs?: number;
    remainingRequests?: number;
    resetRequestsMs?: number;
    remainingTokens?: number;
    resetTokensMs?: number;
  } = {};
  const retryAfterMs =
    parseMilliseconds(headers.get('retry-after-ms')) ?? parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfterMs !== undefined) limits.retryAfterMs = retryAfterMs;
  const remainingRequests = parseCount(headers.get('x-ratelimit-remaining-requests'));
  if (remainingRequests !== undefined) limits.remainingRequests = remainingRequests;
  const resetRequestsMs = parseDuration(headers.get('x-ratelimit-reset-requests'));
  if (resetRequestsMs !== undefined) limits.resetRequestsMs = resetRequestsMs;
  const remainingTokens = parseCount(headers.get('x-ratelimit-remaining-tokens'));
  if (remainingTokens !== undefined) limits.remainingTokens = remainingTokens;
  const resetTokensMs = parseDuration(headers.get('x-ratelimit-reset-tokens'));
  if (resetTokensMs !== undefined) limits.resetTokensMs = resetTokensMs;
  return limits;
}

/** `retry-after`: seconds (`"2"`, `"0.5"`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); a past date is no wait. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only the IMF-fixdate form servers send: Date.parse alone accepts almost any text.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * OpenAI's reset durations: unit-suffixed parts in any combination, `1s`, `6m0s`, `20ms`, `1h2m3.5s`. Rounded to
 * whole milliseconds; undefined for anything else (a bare number has no unit to trust).
 */
export function parseDuration(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (text === '' || !/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s)/g)) {
    total += Number(amount) * (DURATION_UNITS[unit ?? ''] ?? 0);
  }
  return Math.round(total);
}

function parseMilliseconds(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value));
}

function parseCount(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Every request to one connection waits here first. Paused, it holds every waiter until the pause ends; a longer
 * pause extends it, a shorter one never shortens it.
 */
export class RateGate {
  private pausedUntil = 0;
  private timer: TimerHandle | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** Resolves at once when open, else when the pause ends; rejects with the signal's reason when it aborts first. */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    if (this.clock.now() >= this.pausedUntil) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const release = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.waiters.delete(release);
        // Nobody left to release: the timer would only keep the process alive.
        if (this.waiters.size === 0 && this.timer !== undefined) {
          this.clock.clearTimeout(this.timer);
          this.timer = undefined;
        }
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(release);
      this.schedule();
    });
  }

  /** Holds every request for `ms` from now (or longer, if already paused longer). */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    const until = this.clock.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    if (this.waiters.size > 0) this.schedule();
  }

  /** An exhausted budget (remaining 0) pauses until it is refilled. */
  observe(limits: RateLimits | undefined): void {
    if (limits === undefined) return;
    if (limits.remainingRequests === 0 && limits.resetRequestsMs !== undefined) this.pauseFor(limits.resetRequestsMs);
    if (limits.remainingTokens === 0 && limits.resetTokensMs !== undefined) this.pauseFor(limits.resetTokensMs);
  }

  /** Milliseconds until the gate opens; 0 when open. */
  remainingPauseMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.clock.now() < this.pausedUntil) {
        this.schedule();
        return;
      }
      const released = [...this.waiters];
      this.waiters.clear();
      for (const release of released) release();
    }, this.remainingPauseMs());
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('Aborted.');
}
