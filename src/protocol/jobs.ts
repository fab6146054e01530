/**
 * Messages of the job detail panel and their run-time checks. Both the extension host and the webview import this
 * file. The host sends the job as plain data and its metrics as they arrive; the webview only asks for a refresh.
 */

import type { FineTuneJob, JobCheckpoint, StepMetrics } from '../core/jobs/job';
import type { OverfitWarning } from '../core/jobs/metrics';
import type { WebviewProtocol } from './checkMessage';
import { isNull } from './guards';

export type { FineTuneJob, JobCheckpoint, StepMetrics } from '../core/jobs/job';
export type { OverfitWarning } from '../core/jobs/metrics';

/** Everything the panel shows except the metrics, sent whole whenever any of it changes. */
export interface JobDetail {
  readonly job: FineTuneJob;
  /** The connection's name, as the connections list shows it. */
  readonly connectionName: string;
  /** The status in words (an unknown status exactly as the server sent it). */
  readonly statusLabel: string;
  /** Whether the job can still change by itself (the panel keeps polling). */
  readonly unfinished: boolean;
  readonly checkpoints: readonly JobCheckpoint[];
  readonly warning?: OverfitWarning;
  /** What a finished model needs before it can be called (Azure: a deployment). */
  readonly deploymentNote?: string;
  /** The step count of the whole job, when the metrics say. */
  readonly totalSteps?: number;
  /** Something the panel could not do (refresh, read the result file): shown beside the last known state. */
  readonly notice?: string;
}

/** The panel's title and heading: the job's suffix when it has one (the name the user gave it), else its id. */
export function jobTitle(job: Pick<FineTuneJob, 'id' | 'suffix'>): string {
  return `Job ${job.suffix || job.id}`;
}

/** New or changed steps (merged by step into what the webview has), or the whole list when `replace`. */
export interface MetricsUpdate {
  readonly points: readonly StepMetrics[];
  readonly replace: boolean;
}

/** Requests the job detail webview makes. */
export type JobDetailRequests = {
  /** Reads the job, its events and checkpoints again now. */
  refresh: { params: null; result: null };
};

/** Events the host sends to the job detail webview. */
export type JobDetailHostEvents = {
  detail: JobDetail;
  metrics: MetricsUpdate;
  /** The job could not be read at all (no such job, no such connection): the page says why. */
  failed: { message: string };
};

/** The job detail webview sends no events besides requests. */
export type JobDetailWebviewEvents = Record<never, never>;

/** The run-time check of everything the job detail webview may send. */
export const jobsProtocol: WebviewProtocol<JobDetailRequests, JobDetailWebviewEvents> = {
  requests: { refresh: isNull },
  events: {},
};
