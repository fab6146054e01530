/**
 * What the job detail panel knows about one job, and its own light poll: while the panel is visible and the job can
 * still change, it reads the job, the events since the last one seen and (when something happened) the checkpoints;
 * once the job has ended it reads the result CSV. Plain TypeScript over a FineTuneProvider, so it runs in unit tests
 * without VS Code.
 */

import { messageOf } from '../../core/errors/messageOf';
import type { FineTuneJob, JobCheckpoint, StepMetrics } from '../../core/jobs/job';
import { isUnfinished, statusLabel } from '../../core/jobs/jobState';
import { mergeMetrics, metricsFromEvents, overfittingWarning, totalSteps } from '../../core/jobs/metrics';
import type { FineTuneProvider } from '../../core/jobs/provider';
import { parseResultCsv } from '../../core/jobs/resultCsv';
import type { JobDetail, MetricsUpdate } from '../../protocol/jobs';

/** Where the session sends what changed (the panel posts it to the webview). */
export interface JobDetailSink {
  detail(detail: JobDetail): void;
  metrics(update: MetricsUpdate): void;
  failed(message: string): void;
}

export interface JobDetailSessionOptions {
  readonly provider: FineTuneProvider;
  readonly jobId: string;
  readonly connectionName: string;
  readonly sink: JobDetailSink;
  /** Between polls of a running job. */
  readonly intervalMs?: number;
  /** The longest wait between polls after repeated failures. */
  readonly maxIntervalMs?: number;
}

export const DEFAULT_POLL_MS = 3_000;
const MAX_POLL_MS = 60_000;
/** How many events the first read goes back: metrics of every step of a long job, and then some. */
const FIRST_READ_EVENTS = 20_000;
/** Polls of a succeeded job that lists no result file yet before the panel stops waiting for one. */
const RESULT_FILE_POLLS = 5;

export class JobDetailSession {
  private disposed = false;
  /** The read in flight: its own controller, since the SDK leaves a listener on every signal it is given. */
  private reading: AbortController | undefined;
  private job: FineTuneJob | undefined;
  private checkpoints: JobCheckpoint[] = [];
  private eventMetrics: StepMetrics[] = [];
  private csvMetrics: StepMetrics[] = [];
  private metrics: StepMetrics[] = [];
  private lastEventId: string | undefined;
  private resultRead = false;
  private pollsWithoutResult = 0;
  private notice: string | undefined;
  private visible = true;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private readonly intervalMs: number;
  private readonly maxIntervalMs: number;

  constructor(private readonly options: JobDetailSessionOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_POLL_MS;
    this.maxIntervalMs = Math.max(this.intervalMs, options.maxIntervalMs ?? MAX_POLL_MS);
  }

  /** Whether the session still polls (a job that can change, not disposed). */
  get polling(): boolean {
    return !this.disposed && (this.job === undefined || this.shouldPoll(this.job));
  }

  /** Reads everything now (one read at a time: a second call waits for the running one), then polls on. */
  refresh(): Promise<void> {
    this.running ??= this.update().finally(() => {
      this.running = undefined;
      this.schedule();
    });
    return this.running;
  }

  /** Polls only while visible; becoming visible reads at once. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) void this.refresh();
    else this.cancelTimer();
  }

  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
    this.reading?.abort(new Error('The job detail panel was closed.'));
  }

  /** Sends the current state again (a webview that reloaded its page). */
  resend(): void {
    if (!this.job) return;
    this.options.sink.metrics({ points: this.metrics, replace: true });
    this.sendDetail();
  }

  private shouldPoll(job: FineTuneJob): boolean {
    // The result file may appear a moment after the job ends: keep reading until it is in.
    return isUnfinished(job.status) || (job.status === 'succeeded' && !this.resultRead);
  }

  private schedule(): void {
    this.cancelTimer();
    if (!this.visible || !this.polling) return;
    const delay = Math.min(this.maxIntervalMs, this.intervalMs * 2 ** this.failures);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async update(): Promise<void> {
    const { provider, jobId, sink } = this.options;
    if (this.disposed) return;
    const reading = new AbortController();
    this.reading = reading;
    const signal = reading.signal;
    try {
      const previousStatus = this.job?.status;
      const job = await provider.retrieve(jobId, signal);
      const events = await provider.events(jobId, {
        signal,
        ...(this.lastEventId === undefined ? { limit: FIRST_READ_EVENTS } : { since: this.lastEventId }),
      });
      if (signal.aborted) return;
      this.job = job;
      if (events[0]) this.lastEventId = events[0].id;
      const fresh = metricsFromEvents(events);
      if (fresh.length > 0) {
        this.eventMetrics = mergeMetrics(fresh, this.eventMetrics);
        this.metrics = mergeMetrics(this.csvMetrics, this.eventMetrics);
        sink.metrics({ points: fresh, replace: false });
      }
      if (events.length > 0 || job.status !== previousStatus) {
        this.checkpoints = await provider.checkpoints(jobId, signal);
      }
      this.notice = undefined;
      if (!isUnfinished(job.status) && !this.resultRead) await this.readResultFile(job, signal);
      if (signal.aborted) return;
      this.failures = 0;
      this.sendDetail();
    } catch (error) {
      if (signal.aborted) return;
      this.failures++;
      if (!this.job) {
        sink.failed(`Could not read the job ${jobId}: ${messageOf(error)}`);
        return;
      }
      this.notice = `Could not refresh the job: ${messageOf(error)}`;
      this.sendDetail();
    }
  }

  /** The result CSV, the API's final per-step metrics: merged over what the events gave, sent whole. */
  private async readResultFile(job: FineTuneJob, signal: AbortSignal): Promise<void> {
    const fileId = job.resultFiles[0];
    if (fileId === undefined) {
      // A succeeded job lists its result file a moment later, if at all: wait a few polls, not forever.
      if (++this.pollsWithoutResult >= RESULT_FILE_POLLS) this.resultRead = true;
      return;
    }
    const bytes = await this.options.provider.fileContent(fileId, signal);
    this.resultRead = true;
    const parsed = parseResultCsv(new TextDecoder().decode(bytes));
    if (!parsed.ok) {
      this.notice = `The result file ${fileId} could not be read: ${parsed.message}`;
      return;
    }
    this.csvMetrics = parsed.metrics;
    this.metrics = mergeMetrics(this.csvMetrics, this.eventMetrics);
    this.options.sink.metrics({ points: this.metrics, replace: true });
  }

  private sendDetail(): void {
    const job = this.job;
    if (!job) return;
    const warning = overfittingWarning(this.metrics, this.checkpoints);
    const total = totalSteps(this.metrics);
    this.options.sink.detail({
      job,
      connectionName: this.options.connectionName,
      statusLabel: statusLabel(job.status),
      unfinished: isUnfinished(job.status),
      checkpoints: this.checkpoints,
      ...(warning ? { warning } : {}),
      ...(this.options.provider.capabilities.deploymentNote
        ? { deploymentNote: this.options.provider.capabilities.deploymentNote }
        : {}),
      ...(total !== undefined ? { totalSteps: total } : {}),
      ...(this.notice ? { notice: this.notice } : {}),
    });
  }
}
