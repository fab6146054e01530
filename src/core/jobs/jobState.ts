/**
 * What a job's status means for the UI: its group (keep watching or not), its label and icon, which actions apply,
 * and the progress line. Every view (tree, detail, status bar, notifications) reads statuses through here, so a
 * status the API adds later is handled in one place.
 */

import type { FineTuneJob, JobStatus, KnownJobStatus, StepMetrics } from './job';
import type { ProviderCapabilities } from './provider';
import { readLineage } from './lineage';

export type JobStatusGroup =
  'active' | 'paused' | 'terminal-success' | 'terminal-failure' | 'terminal-cancelled' | 'unknown';

interface StatusInfo {
  group: Exclude<JobStatusGroup, 'unknown'>;
  label: string;
  /** A codicon id (`$(id)` in labels, `new ThemeIcon(id)` in trees); `~spin` animates it. */
  icon: string;
  /** A theme colour id for the icon, when the status deserves one. */
  color?: string;
}

const STATUSES: Record<KnownJobStatus, StatusInfo> = {
  validating_files: { group: 'active', label: 'Validating files', icon: 'loading~spin' },
  queued: { group: 'active', label: 'Queued', icon: 'clock' },
  running: { group: 'active', label: 'Running', icon: 'sync~spin', color: 'charts.blue' },
  pausing: { group: 'active', label: 'Pausing', icon: 'loading~spin' },
  paused: { group: 'paused', label: 'Paused', icon: 'debug-pause', color: 'charts.yellow' },
  resuming: { group: 'active', label: 'Resuming', icon: 'loading~spin' },
  succeeded: { group: 'terminal-success', label: 'Succeeded', icon: 'pass', color: 'testing.iconPassed' },
  failed: { group: 'terminal-failure', label: 'Failed', icon: 'error', color: 'testing.iconFailed' },
  cancelling: { group: 'active', label: 'Cancelling', icon: 'loading~spin' },
  cancelled: { group: 'terminal-cancelled', label: 'Cancelled', icon: 'circle-slash' },
};

const UNKNOWN_ICON = 'question';

function known(status: JobStatus): StatusInfo | undefined {
  return Object.prototype.hasOwnProperty.call(STATUSES, status) ? STATUSES[status as KnownJobStatus] : undefined;
}

export function statusGroup(status: JobStatus): JobStatusGroup {
  return known(status)?.group ?? 'unknown';
}

/**
 * Whether a job can still change by itself, so polling must go on. An unknown status counts: the API has added
 * statuses before (pausing, resuming) and a new one is far more likely an intermediate state than a final one;
 * watching a finished job a little longer costs a request, while giving up on a running one would freeze it in the
 * tree. A paused job does not change until someone resumes it, so it is not polled (our own resume starts watching
 * again).
 */
export function isUnfinished(status: JobStatus): boolean {
  const group = statusGroup(status);
  return group === 'active' || group === 'unknown';
}

export function isTerminal(status: JobStatus): boolean {
  return statusGroup(status).startsWith('terminal-');
}

/** The status in words; an unknown status is shown exactly as the server sent it. */
export function statusLabel(status: JobStatus): string {
  return known(status)?.label ?? status;
}

export function statusIcon(status: JobStatus): { id: string; color?: string } {
  const info = known(status);
  if (info === undefined) return { id: UNKNOWN_ICON };
  return info.color === undefined ? { id: info.icon } : { id: info.icon, color: info.color };
}

export type JobAction =
  | 'cancel'
  | 'pause'
  | 'resume'
  | 'rerun'
  | 'openInPlayground'
  | 'copyJobId'
  | 'copyModelId'
  | 'downloadResults'
  | 'openTrainingFile'
  | 'showError';

/** The actions that apply to a job now, in menu order. */
export function availableActions(job: FineTuneJob, capabilities: ProviderCapabilities): JobAction[] {
  const group = statusGroup(job.status);
  const actions: JobAction[] = [];
  // An unknown status may be cancellable; the server refuses if not, which beats hiding the only way out.
  if ((group === 'active' || group === 'paused' || group === 'unknown') && job.status !== 'cancelling')
    actions.push('cancel');
  if (capabilities.pause && job.status === 'running') actions.push('pause');
  if (capabilities.pause && job.status === 'paused') actions.push('resume');
  if (job.status === 'succeeded' && job.fineTunedModel !== undefined) actions.push('openInPlayground');
  if (group.startsWith('terminal-')) actions.push('rerun');
  actions.push('copyJobId');
  if (job.fineTunedModel !== undefined) actions.push('copyModelId');
  if (job.resultFiles.length > 0) actions.push('downloadResults');
  if (readLineage(job.metadata).fileName !== undefined) actions.push('openTrainingFile');
  if (job.error !== undefined) actions.push('showError');
  return actions;
}

/**
 * One line of progress for an unfinished job: `Step 120 of 300 (40%) · about 12 min left`. Parts that are not known
 * are left out; undefined when nothing is known. `nowSeconds` is Unix seconds.
 */
export function progressText(
  job: FineTuneJob,
  latest: StepMetrics | undefined,
  nowSeconds: number,
): string | undefined {
  if (!isUnfinished(job.status) && job.status !== 'paused') return undefined;
  const parts: string[] = [];
  if (latest !== undefined) {
    const total = latest.totalSteps;
    if (total !== undefined && total > 0) {
      const percent = Math.min(100, Math.floor((latest.step / total) * 100));
      parts.push(`Step ${latest.step.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (${percent}%)`);
    } else {
      parts.push(`Step ${latest.step.toLocaleString('en-US')}`);
    }
  }
  if (job.estimatedFinish !== undefined && job.status !== 'paused') {
    const left = job.estimatedFinish - nowSeconds;
    parts.push(left > 0 ? `about ${durationText(left)} left` : 'finishing soon');
  }
  return parts.length === 0 ? undefined : parts.join(' · ');
}

/** A duration in the largest fitting unit: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
