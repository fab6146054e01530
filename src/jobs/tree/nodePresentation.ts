/**
 * How each tree node looks (label, description, icon, tooltip, context value), as plain data, so the wording and the
 * menus' context values are unit-tested without VS Code. jobsTreeProvider.ts turns this into TreeItems.
 */

import type { ConnectionKind } from '../../core/connections';
import type { FineTuneJob, JobCheckpoint, JobEvent, StepMetrics } from '../../core/jobs/job';
import { shutdownText, todayUtc } from '../../core/jobs/modelLifecycle';
import {
  availableActions,
  isUnfinished,
  progressText,
  statusGroup,
  statusIcon,
  statusLabel,
} from '../../core/jobs/jobState';
import type { ProviderCapabilities } from '../../core/jobs/provider';
import type { JobsNode, JobsTreeModel } from './jobsTreeModel';
import { ageText, timestampText } from './timeText';

export interface NodePresentation {
  /** Stable across refreshes, so VS Code keeps what was expanded. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: { id: string; color?: string };
  /** `viewItem` in package.json menus. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Set on jobs: what a click runs (the detail view). */
  showDetail?: { connectionId: string; jobId: string };
}

/** What the provider can do when nothing is known yet (no pause; menus offer only what surely applies). */
const NO_CAPABILITIES: ProviderCapabilities = { methods: [], pause: false, trainingTypes: [] };

export function presentNode(model: JobsTreeModel, node: JobsNode, nowSeconds: number): NodePresentation {
  switch (node.kind) {
    case 'connection': {
      const connection = model.connection(node.connectionId);
      const running = connection?.jobs.filter((entry) => isUnfinished(entry.job.status)).length ?? 0;
      return {
        id: `c/${node.connectionId}`,
        label: connection?.name ?? node.connectionId,
        ...(running > 0 ? { description: `${running} running` } : {}),
        icon: { id: connection?.error === undefined ? 'server' : 'warning' },
        contextValue: 'connection',
        collapsible: 'expanded',
      };
    }
    case 'job': {
      const entry = model.entry(node.connectionId, node.jobId);
      const capabilities = model.connection(node.connectionId)?.capabilities ?? NO_CAPABILITIES;
      if (entry === undefined)
        return { id: jobNodeId(node), label: node.jobId, contextValue: 'job:gone', collapsible: 'none' };
      return {
        id: jobNodeId(node),
        label: jobLabel(entry.job),
        description: jobDescription(entry.job, entry.latest, nowSeconds),
        tooltip: jobTooltip(entry.job, capabilities, nowSeconds, model.connection(node.connectionId)?.kind),
        icon: statusIcon(entry.job.status),
        contextValue: jobContextValue(entry.job, capabilities),
        collapsible: 'collapsed',
        showDetail: { connectionId: node.connectionId, jobId: node.jobId },
      };
    }
    case 'group': {
      const entry = model.entry(node.connectionId, node.jobId);
      const count =
        node.group === 'events'
          ? entry?.events?.length
          : node.group === 'checkpoints'
            ? entry?.checkpoints?.length
            : entry?.job.resultFiles.length;
      const labels = { events: 'Events', checkpoints: 'Checkpoints', resultFiles: 'Result files' } as const;
      const icons = { events: 'list-unordered', checkpoints: 'milestone', resultFiles: 'files' } as const;
      return {
        id: `${jobNodeId(node)}/${node.group}`,
        label: labels[node.group],
        ...(count === undefined ? {} : { description: String(count) }),
        icon: { id: icons[node.group] },
        contextValue: `group:${node.group}`,
        collapsible: 'collapsed',
      };
    }
    case 'event':
      return {
        id: `${jobNodeId(node)}/e/${node.event.id}`,
        label: oneLine(node.event.message),
        description: timestampText(node.event.createdAt),
        tooltip: eventTooltip(node.event),
        icon: eventIcon(node.event),
        contextValue: 'event',
        collapsible: 'none',
      };
    case 'checkpoint':
      return {
        id: `${jobNodeId(node)}/k/${node.checkpoint.id}`,
        label: `Step ${node.checkpoint.step.toLocaleString('en-US')}`,
        description: metricsText(node.checkpoint.metrics),
        tooltip: checkpointTooltip(node.checkpoint),
        icon: { id: 'milestone' },
        contextValue: 'checkpoint',
        collapsible: 'none',
      };
    case 'resultFile':
      return {
        id: `${jobNodeId(node)}/f/${node.fileId}`,
        label: node.fileId,
        description: 'result CSV',
        icon: { id: 'file' },
        contextValue: 'resultFile',
        collapsible: 'none',
      };
    case 'message':
      return {
        id: `${node.connectionId}/${node.jobId ?? ''}/m/${node.text}`,
        label: oneLine(node.text),
        tooltip: node.text,
        icon: { id: 'info' },
        contextValue: 'message',
        collapsible: 'none',
      };
  }
}

function jobNodeId(node: { connectionId: string; jobId: string }): string {
  return `c/${node.connectionId}/j/${node.jobId}`;
}

/** The job's suffix when it has one (the name its owner chose), else its base model. */
export function jobLabel(job: FineTuneJob): string {
  return job.suffix !== undefined && job.suffix !== '' ? job.suffix : job.model;
}

/** `Running · 5 min ago · Step 40 of 100 (40%) · about 3 min left`. */
export function jobDescription(job: FineTuneJob, latest: StepMetrics | undefined, nowSeconds: number): string {
  const parts = [statusLabel(job.status), ageText(job.createdAt, nowSeconds)];
  const progress = progressText(job, latest, nowSeconds);
  if (progress !== undefined) parts.push(progress);
  return parts.join(' · ');
}

/**
 * `job:<status>` then the actions that apply (from jobState's availableActions), comma-separated (no spaces: a
 * when clause's regex ends at a space), so menus match e.g. `viewItem =~ /^job:[^,]*,(.*,)?cancel(,|$)/`. A status
 * the API adds later is kept (only letters, digits and `_`).
 */
export function jobContextValue(job: FineTuneJob, capabilities: ProviderCapabilities): string {
  const status = job.status.replace(/[^A-Za-z0-9_]/g, '_');
  return [`job:${status}`, ...availableActions(job, capabilities)].join(',');
}

export function jobTooltip(
  job: FineTuneJob,
  capabilities: ProviderCapabilities,
  nowSeconds: number,
  kind?: ConnectionKind,
): string {
  const lines = [
    `${jobLabel(job)}: ${statusLabel(job.status)}`,
    `Job: ${job.id}`,
    `Base model: ${job.model}`,
    `Method: ${job.method}`,
    `Created: ${timestampText(job.createdAt)} (${ageText(job.createdAt, nowSeconds)})`,
  ];
  if (job.finishedAt !== undefined) lines.push(`Finished: ${timestampText(job.finishedAt)}`);
  if (job.fineTunedModel !== undefined) lines.push(`Fine-tuned model: ${job.fineTunedModel}`);
  // OpenAI's and Azure's published shutdown dates (other servers' model ids only look alike).
  const shutdown =
    kind === 'openai' || kind === 'azure'
      ? shutdownText(job.fineTunedModel ?? job.model, todayUtc(new Date(nowSeconds * 1000)), kind)
      : undefined;
  if (shutdown !== undefined) lines.push(shutdown);
  if (job.trainedTokens !== undefined) lines.push(`Trained tokens: ${job.trainedTokens.toLocaleString('en-US')}`);
  if (job.trainingType !== undefined) lines.push(`Training type: ${job.trainingType}`);
  if (job.error !== undefined) lines.push(`Error: ${errorText(job.error)}`);
  if (statusGroup(job.status) === 'terminal-success' && capabilities.deploymentNote !== undefined)
    lines.push('', capabilities.deploymentNote);
  return lines.join('\n');
}

/** The error as the server gave it: code, message and param, verbatim. */
export function errorText(error: NonNullable<FineTuneJob['error']>): string {
  const parts = [error.code === undefined ? '' : `[${error.code}] `, error.message];
  if (error.param !== undefined) parts.push(` (param: ${error.param})`);
  return parts.join('');
}

function eventIcon(event: JobEvent): { id: string; color?: string } {
  if (event.level === 'error') return { id: 'error', color: 'testing.iconFailed' };
  if (event.level === 'warn') return { id: 'warning', color: 'list.warningForeground' };
  return { id: event.type === 'metrics' ? 'graph-line' : 'circle-small' };
}

function eventTooltip(event: JobEvent): string {
  const lines = [event.message, `${event.level} · ${timestampText(event.createdAt)}`];
  if (event.data !== undefined && event.data !== null) lines.push(JSON.stringify(event.data, null, 1));
  return lines.join('\n');
}

/** `train loss 0.412 · valid loss 0.455 · accuracy 87.1%`, from what the step reports. */
export function metricsText(metrics: StepMetrics): string {
  const parts: string[] = [];
  if (metrics.trainLoss !== undefined) parts.push(`train loss ${metrics.trainLoss.toFixed(3)}`);
  const valid = metrics.fullValidLoss ?? metrics.validLoss;
  if (valid !== undefined) parts.push(`valid loss ${valid.toFixed(3)}`);
  const accuracy =
    metrics.fullValidMeanTokenAccuracy ?? metrics.validMeanTokenAccuracy ?? metrics.trainMeanTokenAccuracy;
  if (accuracy !== undefined) parts.push(`accuracy ${(accuracy * 100).toFixed(1)}%`);
  return parts.join(' · ');
}

function checkpointTooltip(checkpoint: JobCheckpoint): string {
  const metrics = metricsText(checkpoint.metrics);
  return [`Model: ${checkpoint.model}`, `Created: ${timestampText(checkpoint.createdAt)}`, metrics]
    .filter((line) => line !== '')
    .join('\n');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
