/**
 * Creating a job is not idempotent and costs money, so a create whose answer was lost (a timeout, a dropped
 * connection, a 5xx that came after the server had already made the job) must never simply be sent again. Every
 * create carries a request tag in its metadata; after such a failure the recent jobs are searched for that tag, and
 * only when no job has it is the create sent again.
 */

import { APIConnectionError, APIUserAbortError } from 'openai';
import { messageOf } from '../errors/messageOf';
import type { FineTuneJob } from './job';
import { LINEAGE_KEYS, newRequestTag } from './lineage';
import type { CreateJobRequest, FineTuneProvider } from './provider';

export interface CreateJobOnceOptions {
  signal: AbortSignal;
  /** How many times the create may be sent again after an uncertain failure; default 3. */
  retries?: number;
  /** Delay before the first retry, doubled each time (capped at 30 s); default 2,000 ms. */
  baseDelayMs?: number;
  /** How many recent jobs to search for the tag; default 50. */
  searchLimit?: number;
  /** Waits `ms` or rejects when `signal` fires (tests pass an instant one). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** What happened, for the output log (never a key: messages come from the provider). */
  log?: (message: string) => void;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30_000;
const DEFAULT_SEARCH_LIMIT = 50;

/**
 * How a failed create ended: `refused` (the server answered 4xx, so no job exists: retrying would fail the same way),
 * `uncertain` (no answer, or a 5xx: the job may exist), `aborted` (the user stopped it).
 */
export type CreateFailure = 'refused' | 'uncertain' | 'aborted';

/**
 * Classifies what a provider threw. Providers may wrap the SDK's error (for a readable message), so the error and its
 * `cause` chain are read: an HTTP `status`, the SDK's connection and abort errors, or Node's names for them.
 */
export function classifyCreateFailure(error: unknown): CreateFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof APIUserAbortError) return 'aborted';
    const { status, name, code, kind } = current as {
      status?: unknown;
      name?: unknown;
      code?: unknown;
      kind?: unknown;
    };
    if (name === 'AbortError' || code === 'ABORT_ERR' || kind === 'aborted') return 'aborted';
    // ProviderError (./providerError) says what happened in `kind`.
    if (kind === 'timeout' || kind === 'connection') return 'uncertain';
    if (typeof status === 'number') {
      // 408 is the server saying it gave up waiting: like a timeout, the job may have been made.
      return status >= 500 || status === 408 ? 'uncertain' : 'refused';
    }
    // Covers APIConnectionTimeoutError too (a subclass).
    if (current instanceof APIConnectionError) return 'uncertain';
    if (typeof code === 'string' && /^(ETIMEDOUT|ECONNRESET|ECONNREFUSED|EPIPE|UND_ERR_\w+)$/.test(code))
      return 'uncertain';
    current = (current as { cause?: unknown }).cause;
  }
  // Anything else (a bug, a malformed answer) is not retried: sending again blind could make a second job.
  return 'refused';
}

/**
 * Sends `request` once and, after an uncertain failure, looks for the job it may have made before sending it again
 * (up to `retries` times, with backoff). The request's `fts_request` tag is used (one is added when missing) and is
 * the same for every retry. A refusal (4xx) is thrown at once. When the job list cannot be read either, it gives up
 * without sending again, and says how to check by hand.
 */
export async function createJobOnce(
  provider: FineTuneProvider,
  request: CreateJobRequest,
  options: CreateJobOnceOptions,
): Promise<FineTuneJob> {
  const { signal } = options;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const baseDelay = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const sleep = options.sleep ?? abortableSleep;
  const log = options.log ?? (() => undefined);
  const tag = request.metadata[LINEAGE_KEYS.requestTag] ?? newRequestTag();
  const tagged: CreateJobRequest = { ...request, metadata: { ...request.metadata, [LINEAGE_KEYS.requestTag]: tag } };
  const delay = (attempt: number) => Math.min(MAX_DELAY_MS, baseDelay * 2 ** attempt);

  for (let attempt = 0; ; attempt++) {
    let failure: unknown;
    try {
      return await provider.create(tagged, signal);
    } catch (error) {
      if (classifyCreateFailure(error) !== 'uncertain' || signal.aborted) throw error;
      failure = error;
    }
    log(`Creating the job got no clear answer (${messageOf(failure)}); looking for a job tagged ${tag}.`);
    // The job may take a moment to show in the list after a lost answer.
    await sleep(delay(attempt), signal);
    const found = await findTagged(provider, tag, options.searchLimit ?? DEFAULT_SEARCH_LIMIT, signal, failure);
    if (found !== undefined) {
      log(`The job had been created: ${found.id}. Not sending the create again.`);
      return found;
    }
    if (attempt >= retries) throw failure;
    log(`No job carries ${tag}: sending the create again (attempt ${attempt + 2} of ${retries + 1}).`);
  }
}

async function findTagged(
  provider: FineTuneProvider,
  tag: string,
  limit: number,
  signal: AbortSignal,
  createFailure: unknown,
): Promise<FineTuneJob | undefined> {
  let jobs: FineTuneJob[];
  try {
    jobs = await provider.list({ signal, limit });
  } catch (error) {
    if (classifyCreateFailure(error) === 'aborted' || signal.aborted) throw error;
    throw new Error(
      `The server did not confirm whether the job was created (${messageOf(createFailure)}), and the job list could not ` +
        `be read to check (${messageOf(error)}). Before creating it again, look in the jobs list for a job whose ` +
        `metadata has ${LINEAGE_KEYS.requestTag} = ${tag}.`,
      { cause: error },
    );
  }
  return jobs.find((job) => job.metadata[LINEAGE_KEYS.requestTag] === tag);
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
