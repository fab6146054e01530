/**
 * Asks every (prompt, model) pair of a batch run, a bounded number at a time per connection, and hands each record
 * to `append` as it completes. Prompts are pulled from the input only as workers need them, so a file of a million
 * prompts costs a few dozen pairs of memory. A 429 pauses its whole connection (every worker of it waits at the
 * connection's gate) and puts the pair back at the front of the queue.
 */

import { messageOf } from '../errors/messageOf';
import { pairKey, type BatchPrompt, type ModelSpec, type ResultRecord } from './batchTypes';
import { RateGate, systemClock, type Clock, type RateLimits, type TimerHandle } from './rateLimits';

export type AskOutcome =
  | { readonly kind: 'done'; readonly record: ResultRecord; readonly limits?: RateLimits }
  | {
      readonly kind: 'rateLimited';
      readonly retryAfterMs: number;
      readonly limits?: RateLimits;
      /** Written as the pair's failure when it runs out of retries; absent, the runner writes a plain one. */
      readonly record?: ResultRecord;
    };

/** Asks one prompt of one model. Resolves for server errors too (a `done` record with `error`). */
export type Ask = (prompt: BatchPrompt, model: ModelSpec, signal: AbortSignal) => Promise<AskOutcome>;

export interface RunProgress {
  /** Pairs in the run: from `totalPrompts` when given, else those read so far (final once the input is read). */
  readonly total: number;
  /** Records written with an answer. */
  readonly done: number;
  /** Records written with an error. */
  readonly failed: number;
  /** Pairs already finished (resume): not asked again. */
  readonly skipped: number;
  /** Requests waiting for their answer now. */
  readonly inFlight: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly elapsedMs: number;
  /** From this run's completion rate; undefined until something completed, or while the total is unknown. */
  readonly etaMs: number | undefined;
}

export interface RunOptions {
  readonly ask: Ask;
  /** Writes one record; a rejection ends the run (runBatch rejects with it once in-progress writes settle). */
  readonly append: (record: ResultRecord) => Promise<void>;
  /** In-flight requests allowed per connection (at least 1). */
  readonly concurrency: (connection: string) => number;
  /** pairKey values: not asked again. */
  readonly finished?: ReadonlySet<string>;
  /** The number of prompts in the input, when known in advance: gives an ETA before the input is read to the end. */
  readonly totalPrompts?: number;
  /** At most every 100 ms, and once more at the end. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Stops the run: nothing new starts, in-flight asks are aborted and not written; runBatch resolves. */
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** How often one pair is asked again after a 429 before it is written as failed. Default 5. */
  readonly maxRateLimitRetries?: number;
}

export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 5;
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs the batch; resolves with the final progress, also when aborted. Rejects only when the input cannot be read
 * or a record cannot be written.
 */
export async function runBatch(
  prompts: AsyncIterable<BatchPrompt> | Iterable<BatchPrompt>,
  models: readonly ModelSpec[],
  options: RunOptions,
): Promise<RunProgress> {
  return new BatchRun(promptSource(prompts), models, options).run();
}

/**
 * How many pairs may wait in the queues: enough that no worker starves, few enough that the input stays on disk.
 * The input is read once, in order, so a connection paused for long holds the others back once its queue is full.
 */
export function pendingLimit(models: readonly ModelSpec[], concurrency: (connection: string) => number): number {
  return 2 * models.reduce((sum, model) => sum + laneLimit(concurrency, model.connection), 0);
}

interface Pair {
  readonly prompt: BatchPrompt;
  readonly model: ModelSpec;
  /** 429s this pair has had. */
  readonly retries: number;
}

/** One connection: its gate, its limit, and the pairs waiting for a slot. */
interface Lane {
  readonly gate: RateGate;
  readonly limit: number;
  readonly queue: Pair[];
  /** Slots taken: a pair holds one from its gate wait until its record is written. */
  busy: number;
}

interface PromptSource {
  next(): Promise<IteratorResult<BatchPrompt>>;
  close(): Promise<void>;
}

class BatchRun {
  private readonly clock: Clock;
  private readonly lanes = new Map<string, Lane>();
  private readonly controller = new AbortController();
  private readonly maxPending: number;
  private readonly maxRetries: number;
  private readonly startedAt: number;
  /** Pairs in the queues (not holding a slot). */
  private pending = 0;
  private pulling = false;
  private exhausted = false;
  private stopped = false;
  private ended = false;
  private fatal: { readonly error: unknown } | undefined;
  private readonly appends = new Set<Promise<void>>();
  private readonly counts = {
    pairs: 0,
    done: 0,
    failed: 0,
    skipped: 0,
    asking: 0,
    promptTokens: 0,
    completionTokens: 0,
  };
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private progressTimer: TimerHandle | undefined;
  private finish: () => void = () => undefined;

  constructor(
    private readonly source: PromptSource,
    private readonly models: readonly ModelSpec[],
    private readonly options: RunOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.maxRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
    this.maxPending = pendingLimit(models, options.concurrency);
    for (const model of models) {
      if (this.lanes.has(model.connection)) continue;
      const limit = laneLimit(options.concurrency, model.connection);
      this.lanes.set(model.connection, { gate: new RateGate(this.clock), limit, queue: [], busy: 0 });
    }
  }

  async run(): Promise<RunProgress> {
    const { signal } = this.options;
    if (this.models.length === 0 || signal?.aborted === true) {
      await this.source.close().catch(() => undefined);
      return this.report();
    }
    const ended = new Promise<void>((resolve) => (this.finish = resolve));
    const onAbort = (): void => this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.pump();
    await ended;
    signal?.removeEventListener('abort', onAbort);
    // A read still in progress would hold the close until it returns; the input is closed once it does.
    if (this.pulling) void this.source.close().catch(() => undefined);
    else await this.source.close().catch(() => undefined);
    const progress = this.report();
    if (this.fatal !== undefined) throw this.fatal.error;
    return progress;
  }

  /** Starts what may start, reads more input when the queues run low, and ends the run when nothing is left. */
  private pump(): void {
    if (!this.stopped) {
      for (const lane of this.lanes.values()) {
        while (lane.busy < lane.limit && lane.queue.length > 0) {
          const pair = lane.queue.shift();
          if (pair === undefined) break;
          this.pending--;
          lane.busy++;
          void this.attempt(lane, pair);
        }
      }
      if (!this.pulling && !this.exhausted && this.pending < this.maxPending) void this.pull();
    }
    this.progressChanged();
    this.endIfFinished();
  }

  private async pull(): Promise<void> {
    this.pulling = true;
    let next: IteratorResult<BatchPrompt>;
    try {
      next = await this.source.next();
    } catch (error) {
      this.pulling = false;
      this.fail(error);
      return;
    }
    this.pulling = false;
    if (next.done === true) this.exhausted = true;
    else if (!this.stopped) this.enqueue(next.value);
    this.pump();
  }

  private enqueue(prompt: BatchPrompt): void {
    for (const model of this.models) {
      this.counts.pairs++;
      if (this.options.finished?.has(pairKey(prompt.key, model.label)) === true) {
        this.counts.skipped++;
        continue;
      }
      this.laneOf(model).queue.push({ prompt, model, retries: 0 });
      this.pending++;
    }
  }

  private async attempt(lane: Lane, pair: Pair): Promise<void> {
    const { signal } = this.controller;
    try {
      await lane.gate.wait(signal);
      const outcome = await this.ask(pair, signal);
      // Stopped while asking: the answer is not written (a resume asks it again).
      if (outcome === undefined || signal.aborted) return;
      lane.gate.observe(outcome.limits);
      if (outcome.kind === 'done') {
        await this.write(outcome.record);
      } else {
        lane.gate.pauseFor(outcome.retryAfterMs);
        if (pair.retries < this.maxRetries) {
          lane.queue.unshift({ ...pair, retries: pair.retries + 1 });
          this.pending++;
        } else {
          await this.write(outcome.record ?? this.rateLimitFailure(pair));
        }
      }
    } catch (error) {
      // The gate's wait rejects only when the run stops; anything else is a record that could not be written.
      if (!signal.aborted) this.fail(error);
    } finally {
      lane.busy--;
      this.pump();
    }
  }

  /** The outcome, or undefined when the ask failed because the run stopped. */
  private async ask(pair: Pair, signal: AbortSignal): Promise<AskOutcome | undefined> {
    this.counts.asking++;
    this.progressChanged();
    try {
      return await this.options.ask(pair.prompt, pair.model, signal);
    } catch (error) {
      if (signal.aborted) return undefined;
      // An Ask should answer failures with a record; one that throws still fails only its own pair.
      return { kind: 'done', record: this.failure(pair, messageOf(error)) };
    } finally {
      this.counts.asking--;
    }
  }

  private async write(record: ResultRecord): Promise<void> {
    const append = this.options.append(record);
    this.appends.add(append);
    try {
      await append;
    } finally {
      this.appends.delete(append);
    }
    if (record.error === undefined && record.response !== undefined) this.counts.done++;
    else this.counts.failed++;
    this.counts.promptTokens += record.response?.usage?.promptTokens ?? 0;
    this.counts.completionTokens += record.response?.usage?.completionTokens ?? 0;
  }

  private rateLimitFailure(pair: Pair): ResultRecord {
    return this.failure(pair, `Rate limited (429): still refused after ${this.maxRetries} retries.`, 429);
  }

  private failure(pair: Pair, message: string, status?: number): ResultRecord {
    return {
      v: 1,
      prompt: pair.prompt,
      model: pair.model,
      request: {},
      latencyMs: 0,
      error: status === undefined ? { message } : { message, status },
      finishedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  private fail(error: unknown): void {
    this.fatal ??= { error };
    this.stop();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.controller.abort(new Error('The batch run was stopped.'));
    this.pump();
  }

  private endIfFinished(): void {
    if (this.ended) return;
    const finished = this.stopped
      ? this.appends.size === 0
      : this.exhausted &&
        !this.pulling &&
        this.pending === 0 &&
        [...this.lanes.values()].every((lane) => lane.busy === 0);
    if (!finished) return;
    this.ended = true;
    this.finish();
  }

  private laneOf(model: ModelSpec): Lane {
    const lane = this.lanes.get(model.connection);
    if (lane === undefined) throw new Error(`No lane for connection ${model.connection}.`);
    return lane;
  }

  private progressChanged(): void {
    if (this.options.onProgress === undefined || this.ended || this.progressTimer !== undefined) return;
    const wait = this.lastProgressAt + PROGRESS_INTERVAL_MS - this.clock.now();
    if (wait <= 0) {
      this.emitProgress();
      return;
    }
    this.progressTimer = this.clock.setTimeout(() => {
      this.progressTimer = undefined;
      if (!this.ended) this.emitProgress();
    }, wait);
  }

  private emitProgress(): void {
    this.lastProgressAt = this.clock.now();
    this.options.onProgress?.(this.progress());
  }

  /** The final progress, given to onProgress too. */
  private report(): RunProgress {
    if (this.progressTimer !== undefined) this.clock.clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.ended = true;
    const progress = this.progress();
    this.options.onProgress?.(progress);
    return progress;
  }

  private progress(): RunProgress {
    const { counts, options, models } = this;
    const elapsedMs = this.clock.now() - this.startedAt;
    const known = this.exhausted || options.totalPrompts !== undefined;
    const total =
      this.exhausted || options.totalPrompts === undefined
        ? counts.pairs
        : Math.max(counts.pairs, options.totalPrompts * models.length);
    const completed = counts.done + counts.failed;
    const remaining = Math.max(0, total - completed - counts.skipped);
    const etaMs = !known || completed === 0 ? undefined : Math.round((remaining * elapsedMs) / completed);
    return {
      total,
      done: counts.done,
      failed: counts.failed,
      skipped: counts.skipped,
      // Asks still unsettled after a stop were abandoned: their answers will not be written.
      inFlight: this.stopped ? 0 : counts.asking,
      promptTokens: counts.promptTokens,
      completionTokens: counts.completionTokens,
      elapsedMs,
      etaMs,
    };
  }
}

function laneLimit(concurrency: (connection: string) => number, connection: string): number {
  const limit = Math.floor(concurrency(connection));
  return Number.isFinite(limit) && limit >= 1 ? limit : 1;
}

function promptSource(prompts: AsyncIterable<BatchPrompt> | Iterable<BatchPrompt>): PromptSource {
  if (Symbol.asyncIterator in prompts) {
    const iterator = prompts[Symbol.asyncIterator]();
    return {
      next: () => iterator.next(),
      close: async () => {
        await iterator.return?.();
      },
    };
  }
  const iterator = prompts[Symbol.iterator]();
  return {
    next: () => Promise.resolve(iterator.next()),
    close: () => {
      iterator.return?.();
      return Promise.resolve();
    },
  };
}
