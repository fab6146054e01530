/**
 * Polls fine-tuning jobs into the tree model: one poll per connection (the recent jobs' list, plus a retrieve of each
 * watched job the list's page no longer holds, then the new events of unfinished jobs), repeated only while some job
 * of that connection can still change, at the delay pollSchedule gives (faster while the window is focused, longer
 * after failures). Announces each watched job once when it ends. No `vscode` import: unit-tested with a fake
 * provider and a fake clock.
 */

import { setMaxListeners } from 'node:events';
import { messageOf } from '../../core/errors/messageOf';
import type { FineTuneJob, JobEvent, StepMetrics } from '../../core/jobs/job';
import { isTerminal, isUnfinished } from '../../core/jobs/jobState';
import { nextPollDelay, SYSTEM_TIMERS, type PollInputs, type PollTimers } from '../../core/jobs/pollSchedule';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { ConnectionListing, JobsTreeModel } from '../tree/jobsTreeModel';
import type { WatchedJobs } from './watchedJobs';

/** Recent jobs read per poll (the API's default page). */
export const LIST_LIMIT = 20;
/** Events read for a job seen for the first time (newer ones then come through `since`). */
export const FIRST_EVENTS_LIMIT = 100;

/** The timers polls are planned with (tests pass fake ones). */
export type PollClock = Pick<PollTimers, 'setTimeout' | 'clearTimeout'>;

export interface JobsWatcherOptions {
  model: JobsTreeModel;
  watched: WatchedJobs;
  /** The provider of a connection (may throw: e.g. the connection is gone). */
  providerFor(connectionId: string): Promise<FineTuneProvider>;
  /** The wait before the next poll; pollSchedule's nextPollDelay unless a test gives its own. */
  delay?: (inputs: PollInputs) => number | undefined;
  /** The newest step's metrics among events (newest first), for the progress shown. */
  latestStep(events: readonly JobEvent[]): StepMetrics | undefined;
  /** A watched job ended (succeeded, failed or cancelled): called once per job. */
  onWatchedJobEnded(connectionId: string, job: FineTuneJob): void;
  log?(line: string): void;
  clock?: PollClock;
}

interface PollState {
  timer?: unknown;
  running?: Promise<void>;
  queued?: Promise<void>;
  abort?: AbortController;
  failures: number;
}

export class JobsWatcher {
  private readonly polls = new Map<string, PollState>();
  private readonly detailLoads = new Map<string, Promise<void>>();
  private readonly clock: PollClock;
  private focused = true;
  private disposed = false;

  constructor(private readonly options: JobsWatcherOptions) {
    this.clock = options.clock ?? SYSTEM_TIMERS;
  }

  /**
   * Follows the connections' list: removed ones stop polling. A connection is read when the tree first shows it
   * (`ensureLoaded`) or when it has watched jobs still to follow (restored after a reload), never merely for
   * existing: adding a connection sends nothing to its server.
   */
  setConnections(list: readonly ConnectionListing[]): void {
    const ids = new Set(list.map((connection) => connection.id));
    for (const [id, state] of this.polls) {
      if (ids.has(id)) continue;
      this.stop(state);
      this.polls.delete(id);
    }
    const known = new Set(this.options.model.connectionIds());
    this.options.model.setConnections(list);
    for (const connection of list)
      if (!known.has(connection.id) && this.options.watched.of(connection.id).some((entry) => !entry.done))
        void this.pollNow(connection.id);
  }

  /** Reads a connection's jobs the first time they are shown; resolves when they are (or the read failed). */
  async ensureLoaded(connectionId: string): Promise<void> {
    const connection = this.options.model.connection(connectionId);
    if (connection === undefined || connection.loaded || connection.error !== undefined) return;
    await this.pollNow(connectionId);
  }

  /** Polls again the connections read before (after a change of URL or key), not the ones never shown. */
  async refreshShown(): Promise<void> {
    const { model, watched } = this.options;
    const shown = model.connectionIds().filter((id) => {
      const connection = model.connection(id);
      const read = connection !== undefined && (connection.loaded || connection.error !== undefined);
      return read || watched.of(id).some((entry) => !entry.done);
    });
    await Promise.all(shown.map((id) => this.pollNow(id)));
  }

  /** Watches a job (persisted) and polls its connection now. */
  async watch(connectionId: string, jobId: string): Promise<void> {
    await this.options.watched.add(connectionId, jobId);
    await this.pollNow(connectionId);
  }

  /** Polls one connection, or every one, now. Resolves when the poll is done (it never rejects). */
  async refresh(connectionId?: string): Promise<void> {
    const ids = connectionId === undefined ? this.options.model.connectionIds() : [connectionId];
    await Promise.all(ids.map((id) => this.pollNow(id)));
  }

  /**
   * The user is back: connections waiting for their next poll are polled at once (unless backing off after
   * failures, which are then planned with the focused delay). Losing focus makes the next waits longer.
   */
  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    if (!focused) return;
    for (const [id, state] of this.polls) {
      if (state.timer === undefined) continue;
      if (state.failures === 0) void this.pollNow(id);
      else this.schedule(id, state);
    }
  }

  /** Whether a poll of the connection is scheduled (tests; the status of polling). */
  isScheduled(connectionId: string): boolean {
    return this.polls.get(connectionId)?.timer !== undefined;
  }

  /** Reads a job's events and checkpoints when the tree first shows them (finished jobs are not polled). */
  loadDetails(connectionId: string, jobId: string): Promise<void> {
    const key = `${connectionId}\n${jobId}`;
    const pending = this.detailLoads.get(key);
    if (pending !== undefined) return pending;
    const load = this.readDetails(connectionId, jobId).finally(() => this.detailLoads.delete(key));
    this.detailLoads.set(key, load);
    return load;
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.polls.values()) this.stop(state);
    this.polls.clear();
  }

  private state(connectionId: string): PollState {
    let state = this.polls.get(connectionId);
    if (state === undefined) {
      state = { failures: 0 };
      this.polls.set(connectionId, state);
    }
    return state;
  }

  private stop(state: PollState): void {
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    delete state.timer;
    state.abort?.abort();
  }

  /** Runs a poll after the one in flight; calls while one is already queued share it. */
  private pollNow(connectionId: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const state = this.state(connectionId);
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    delete state.timer;
    if (state.queued !== undefined) return state.queued;
    const queued: Promise<void> = (state.running ?? Promise.resolve()).then(async () => {
      if (state.queued === queued) delete state.queued;
      const running = this.poll(connectionId, state);
      state.running = running;
      await running;
      if (state.running === running) delete state.running;
    });
    state.queued = queued;
    return queued;
  }

  private schedule(connectionId: string, state: PollState): void {
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    const inputs = { unfinished: true, focused: this.focused, consecutiveErrors: state.failures };
    const ms = (this.options.delay ?? nextPollDelay)(inputs);
    if (ms === undefined) return;
    state.timer = this.clock.setTimeout(() => {
      delete state.timer;
      void this.pollNow(connectionId);
    }, ms);
  }

  private async poll(connectionId: string, state: PollState): Promise<void> {
    if (this.disposed || !this.polls.has(connectionId)) return;
    const { model, watched } = this.options;
    const abort = new AbortController();
    // One poll makes a request per unfinished job with this signal, and the SDK leaves a listener on each signal it is
    // given: without a higher limit, Node warns (MaxListenersExceededWarning) from the eleventh job on.
    setMaxListeners(LIST_LIMIT * 3, abort.signal);
    state.abort = abort;
    let keepPolling: boolean;
    try {
      keepPolling = await this.readJobs(connectionId, abort.signal);
      state.failures = 0;
    } catch (error) {
      if (abort.signal.aborted || this.disposed) return;
      state.failures++;
      model.setError(connectionId, `Could not read the fine-tuning jobs: ${messageOf(error)}`);
      this.options.log?.(`Polling jobs of ${connectionId} failed (${state.failures} in a row): ${messageOf(error)}`);
      // Retry (with backoff) only when something is known to be still changing.
      const entries = model.connection(connectionId)?.jobs ?? [];
      keepPolling =
        entries.some((entry) => isUnfinished(entry.job.status)) || watched.of(connectionId).some((w) => !w.done);
    } finally {
      if (state.abort === abort) delete state.abort;
    }
    if (keepPolling && !this.disposed && this.polls.has(connectionId) && state.queued === undefined)
      this.schedule(connectionId, state);
  }

  /** One poll's reads. Returns whether a job can still change (so polling goes on). Throws when the list fails. */
  private async readJobs(connectionId: string, signal: AbortSignal): Promise<boolean> {
    const { model, watched } = this.options;
    const provider = await this.options.providerFor(connectionId);
    model.setCapabilities(connectionId, provider.capabilities);
    const listed = await provider.list({ signal, limit: LIST_LIMIT });
    const jobs = new Map(listed.map((job) => [job.id, job]));
    for (const entry of watched.of(connectionId)) {
      if (entry.done || jobs.has(entry.jobId)) continue;
      try {
        jobs.set(entry.jobId, await provider.retrieve(entry.jobId, signal));
      } catch (error) {
        if (signal.aborted) throw error;
        this.options.log?.(`Could not read the watched job ${entry.jobId}: ${messageOf(error)}`);
        // The server answered the list but has no such job (deleted, or another organisation): stop watching it.
        if (statusOf(error) === 404) await watched.markDone(connectionId, entry.jobId);
      }
    }
    const before = new Map(
      (model.connection(connectionId)?.jobs ?? []).map((entry) => [entry.job.id, entry.job.status] as const),
    );
    model.updateJobs(connectionId, [...jobs.values()]);
    for (const job of jobs.values()) {
      const entry = model.entry(connectionId, job.id);
      const changed = before.get(job.id) !== job.status;
      // Unfinished jobs get their new events; a job that just ended gets its last ones (once its details are shown).
      if (isUnfinished(job.status) || (changed && entry?.events !== undefined))
        await this.readNewEvents(provider, connectionId, job.id, signal);
    }
    for (const entry of watched.of(connectionId)) {
      const job = jobs.get(entry.jobId);
      if (entry.done || job === undefined || !isTerminal(job.status)) continue;
      await watched.markDone(connectionId, entry.jobId);
      this.options.onWatchedJobEnded(connectionId, job);
    }
    return [...jobs.values()].some((job) => isUnfinished(job.status));
  }

  /** New events since the newest known one; checkpoints again when there were any. Failures stay on the job. */
  private async readNewEvents(
    provider: FineTuneProvider,
    connectionId: string,
    jobId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const { model } = this.options;
    const entry = model.entry(connectionId, jobId);
    const since = entry?.events?.[0]?.id;
    try {
      const events = await provider.events(jobId, {
        signal,
        ...(since === undefined ? { limit: FIRST_EVENTS_LIMIT } : { since }),
      });
      if (events.length === 0 && entry?.events !== undefined) return;
      model.addEvents(connectionId, jobId, events, this.options.latestStep(events));
      if (events.length > 0 || entry?.checkpoints === undefined)
        model.setCheckpoints(connectionId, jobId, await provider.checkpoints(jobId, signal));
    } catch (error) {
      if (signal.aborted) throw error;
      model.setDetailsError(
        connectionId,
        jobId,
        `Could not read the job's events and checkpoints: ${messageOf(error)}`,
      );
    }
  }

  private async readDetails(connectionId: string, jobId: string): Promise<void> {
    const { model } = this.options;
    if (this.disposed || !model.needsDetails(connectionId, jobId)) return;
    const signal = new AbortController().signal;
    try {
      const provider = await this.options.providerFor(connectionId);
      const [events, checkpoints] = await Promise.all([
        provider.events(jobId, { signal, limit: FIRST_EVENTS_LIMIT }),
        provider.checkpoints(jobId, signal),
      ]);
      model.addEvents(connectionId, jobId, events, this.options.latestStep(events));
      model.setCheckpoints(connectionId, jobId, checkpoints);
    } catch (error) {
      model.setDetailsError(
        connectionId,
        jobId,
        `Could not read the job's events and checkpoints: ${messageOf(error)}`,
      );
    }
  }
}

/** The HTTP status an SDK error carries, if any. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
