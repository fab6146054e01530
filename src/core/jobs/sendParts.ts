/**
 * Sends the parts of an Uploads API upload: a bounded number at a time, each retried on its own when it fails for a
 * reason worth retrying, with progress over all parts and an early stop when the upload cannot finish before it
 * expires. What one attempt does is injected (`send`), so this is the same in tests and against the API. Every
 * attempt gets its own body (a fresh stream of its byte range), which is why the SDK's retries are off for parts.
 */

import { expiryProblem, type PartRange } from './uploadPlan';

export interface PartAttempt {
  part: PartRange;
  /** 1 for the first attempt. */
  attempt: number;
  signal: AbortSignal;
  /** Reports bytes of this attempt's body as they are read. */
  onBytes: (count: number) => void;
}

export interface SendPartsOptions {
  /** Sends one attempt of one part; resolves with the server's part id. */
  send: (attempt: PartAttempt) => Promise<string>;
  /** Whether a failed attempt may be tried again (connection errors, timeouts, 429, 5xx — not a refusal). */
  retryable: (error: unknown) => boolean;
  signal: AbortSignal;
  totalBytes: number;
  /** Parts in flight at once. */
  concurrency?: number;
  /** Attempts per part, the first included. */
  maxAttempts?: number;
  /** Wait before attempt n+1 (ms); default 1 s, 2 s, 4 s… */
  retryDelayMs?: (attempt: number) => number;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** How long the server keeps the upload open, and the clock it is measured with. */
  lifetimeMs: number;
  now?: () => number;
  /** For tests: how to wait between attempts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_PART_CONCURRENCY = 3;
export const DEFAULT_PART_ATTEMPTS = 4;

/** Thrown when the upload cannot finish before the server expires it. */
export class UploadExpiryError extends Error {}

/** Sends every part; resolves with their ids in part order. Rejects with the first failure, stopping the rest. */
export async function sendParts(parts: readonly PartRange[], options: SendPartsOptions): Promise<string[]> {
  const {
    send,
    retryable,
    totalBytes,
    concurrency = DEFAULT_PART_CONCURRENCY,
    maxAttempts = DEFAULT_PART_ATTEMPTS,
    retryDelayMs = (attempt: number) => 1000 * 2 ** (attempt - 1),
    onProgress,
    lifetimeMs,
    now = Date.now,
    sleep = abortableSleep,
  } = options;
  const started = now();
  // One failure stops the other parts: a single controller for the whole upload, linked to the caller's.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal.reason);
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });

  const ids: string[] = new Array<string>(parts.length);
  const sentPerPart = new Array<number>(parts.length).fill(0);
  let sent = 0;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    stop.abort(error);
  };
  const checkPace = () => {
    const problem = expiryProblem({ elapsedMs: now() - started, sentBytes: sent, totalBytes, lifetimeMs });
    if (problem !== undefined) fail(new UploadExpiryError(problem));
  };

  const sendOne = async (part: PartRange): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if (stop.signal.aborted) return;
      // Each attempt has its own signal: the SDK leaves its abort listener on the signal it is given, and one
      // signal shared by a hundred parts would collect a hundred listeners.
      const attemptControl = new AbortController();
      const abortAttempt = () => attemptControl.abort(stop.signal.reason);
      stop.signal.addEventListener('abort', abortAttempt, { once: true });
      try {
        ids[part.index] = await send({
          part,
          attempt,
          signal: attemptControl.signal,
          onBytes: (count) => {
            sentPerPart[part.index]! += count;
            sent += count;
            onProgress?.(sent, totalBytes);
          },
        });
        checkPace();
        return;
      } catch (error) {
        // The bytes of a failed attempt are sent again: progress goes back by them.
        sent -= sentPerPart[part.index]!;
        sentPerPart[part.index] = 0;
        if (stop.signal.aborted) return;
        if (attempt >= maxAttempts || !retryable(error)) throw error;
        onProgress?.(sent, totalBytes);
        await sleep(retryDelayMs(attempt), stop.signal);
      } finally {
        stop.signal.removeEventListener('abort', abortAttempt);
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < parts.length) {
      const part = parts[next++]!;
      await sendOne(part).catch(fail);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, parts.length)) }, worker));
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure.error;
  if (options.signal.aborted) throw abortError(options.signal);
  return ids;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new Error('The upload was cancelled.');
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
