/**
 * What the Jobs tree shows, as plain data: per connection its jobs, and per job its events, checkpoints and result
 * files once loaded. The poller writes here; the TreeDataProvider, the status bar and the notifications read it. No
 * `vscode` import, so it is unit-tested in Node.
 */

import type { ConnectionKind } from '../../core/connections';
import type { FineTuneJob, JobCheckpoint, JobEvent, StepMetrics } from '../../core/jobs/job';
import type { ProviderCapabilities } from '../../core/jobs/provider';

/** Events kept per job (newest first): enough for the tree; the detail view reads its own. */
export const MAX_EVENTS_PER_JOB = 200;

export interface JobEntry {
  readonly connectionId: string;
  job: FineTuneJob;
  /** Newest first; undefined until loaded. */
  events?: JobEvent[];
  /** Undefined until loaded. */
  checkpoints?: JobCheckpoint[];
  /** The newest step's metrics (from metrics events), for the progress in the description. */
  latest?: StepMetrics;
  /** Why events or checkpoints could not be read. */
  detailsError?: string;
}

/** What the tree needs of a connection. */
export interface ConnectionListing {
  id: string;
  name: string;
  kind?: ConnectionKind;
}

export interface ConnectionEntry {
  readonly id: string;
  name: string;
  /** OpenAI's and Azure's models have published shutdown dates (shown in job tooltips). */
  kind?: ConnectionKind | undefined;
  capabilities?: ProviderCapabilities;
  /** Newest first. */
  jobs: JobEntry[];
  /** Whether a list has answered at least once. */
  loaded: boolean;
  /** The last poll's failure, in words; cleared by the next success. */
  error?: string;
}

/** One element of the tree. Elements carry ids only (and the item they show), so commands get them as arguments. */
export type JobsNode =
  | { readonly kind: 'connection'; readonly connectionId: string }
  | { readonly kind: 'job'; readonly connectionId: string; readonly jobId: string }
  | {
      readonly kind: 'group';
      readonly connectionId: string;
      readonly jobId: string;
      readonly group: 'events' | 'checkpoints' | 'resultFiles';
    }
  | { readonly kind: 'event'; readonly connectionId: string; readonly jobId: string; readonly event: JobEvent }
  | {
      readonly kind: 'checkpoint';
      readonly connectionId: string;
      readonly jobId: string;
      readonly checkpoint: JobCheckpoint;
    }
  | { readonly kind: 'resultFile'; readonly connectionId: string; readonly jobId: string; readonly fileId: string }
  | { readonly kind: 'message'; readonly connectionId: string; readonly jobId?: string; readonly text: string };

type Listener = () => void;

export class JobsTreeModel {
  private connections: ConnectionEntry[] = [];
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` after every change; returns the way to stop. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The connections in the order given; entries of connections still listed keep their jobs. */
  setConnections(list: readonly ConnectionListing[]): void {
    const previous = new Map(this.connections.map((entry) => [entry.id, entry]));
    this.connections = list.map((connection) => {
      const kept = previous.get(connection.id);
      if (kept === undefined)
        return { id: connection.id, name: connection.name, kind: connection.kind, jobs: [], loaded: false };
      kept.name = connection.name;
      kept.kind = connection.kind;
      return kept;
    });
    this.changed();
  }

  connectionIds(): string[] {
    return this.connections.map((entry) => entry.id);
  }

  connection(connectionId: string): ConnectionEntry | undefined {
    return this.connections.find((entry) => entry.id === connectionId);
  }

  entry(connectionId: string, jobId: string): JobEntry | undefined {
    return this.connection(connectionId)?.jobs.find((entry) => entry.job.id === jobId);
  }

  /** Every job of every connection (for the status bar). */
  allJobs(): JobEntry[] {
    return this.connections.flatMap((entry) => entry.jobs);
  }

  setCapabilities(connectionId: string, capabilities: ProviderCapabilities): void {
    const connection = this.connection(connectionId);
    if (connection === undefined) return;
    connection.capabilities = capabilities;
  }

  /**
   * Puts the jobs a poll read: new ones are added, known ones updated (keeping their loaded events and checkpoints),
   * the rest stay (a watched job can be older than the list's page). Newest first.
   */
  updateJobs(connectionId: string, jobs: readonly FineTuneJob[]): void {
    const connection = this.connection(connectionId);
    if (connection === undefined) return;
    for (const job of jobs) {
      const known = connection.jobs.find((entry) => entry.job.id === job.id);
      if (known === undefined) connection.jobs.push({ connectionId, job });
      else known.job = job;
    }
    connection.jobs.sort((a, b) => b.job.createdAt - a.job.createdAt || (a.job.id < b.job.id ? 1 : -1));
    connection.loaded = true;
    delete connection.error;
    this.changed();
  }

  setError(connectionId: string, message: string): void {
    const connection = this.connection(connectionId);
    if (connection === undefined || connection.error === message) return;
    connection.error = message;
    this.changed();
  }

  /** Adds events newer than those known (`newer` newest first), keeping at most {@link MAX_EVENTS_PER_JOB}. */
  addEvents(connectionId: string, jobId: string, newer: readonly JobEvent[], latest?: StepMetrics): void {
    const entry = this.entry(connectionId, jobId);
    if (entry === undefined) return;
    const known = new Set((entry.events ?? []).map((event) => event.id));
    const fresh = newer.filter((event) => !known.has(event.id));
    entry.events = [...fresh, ...(entry.events ?? [])].slice(0, MAX_EVENTS_PER_JOB);
    if (latest !== undefined && (entry.latest === undefined || latest.step >= entry.latest.step)) entry.latest = latest;
    delete entry.detailsError;
    this.changed();
  }

  setCheckpoints(connectionId: string, jobId: string, checkpoints: readonly JobCheckpoint[]): void {
    const entry = this.entry(connectionId, jobId);
    if (entry === undefined) return;
    entry.checkpoints = [...checkpoints].sort((a, b) => b.step - a.step);
    this.changed();
  }

  setDetailsError(connectionId: string, jobId: string, message: string): void {
    const entry = this.entry(connectionId, jobId);
    if (entry === undefined) return;
    entry.detailsError = message;
    this.changed();
  }

  /** The top level: one node per connection. */
  roots(): JobsNode[] {
    return this.connections.map((entry) => ({ kind: 'connection', connectionId: entry.id }));
  }

  /** The children of a node, from what is loaded now (see `needsDetails` for what still has to be read). */
  children(node: JobsNode): JobsNode[] {
    const { connectionId } = node;
    switch (node.kind) {
      case 'connection': {
        const connection = this.connection(connectionId);
        if (connection === undefined) return [];
        const jobs: JobsNode[] = connection.jobs.map((entry) => ({ kind: 'job', connectionId, jobId: entry.job.id }));
        if (connection.error !== undefined) return [{ kind: 'message', connectionId, text: connection.error }, ...jobs];
        if (connection.loaded && jobs.length === 0)
          return [{ kind: 'message', connectionId, text: 'No fine-tuning jobs yet.' }];
        if (!connection.loaded) return [{ kind: 'message', connectionId, text: 'Loading jobs…' }];
        return jobs;
      }
      case 'job': {
        const entry = this.entry(connectionId, node.jobId);
        if (entry === undefined) return [];
        const { jobId } = node;
        const groups: JobsNode[] = [
          { kind: 'group', connectionId, jobId, group: 'events' },
          { kind: 'group', connectionId, jobId, group: 'checkpoints' },
        ];
        if (entry.job.resultFiles.length > 0) groups.push({ kind: 'group', connectionId, jobId, group: 'resultFiles' });
        return groups;
      }
      case 'group':
        return this.groupChildren(node.connectionId, node.jobId, node.group);
      default:
        return [];
    }
  }

  /** Whether a group's items have not been read yet (the tree asks the poller for them first). */
  needsDetails(connectionId: string, jobId: string): boolean {
    const entry = this.entry(connectionId, jobId);
    return entry !== undefined && (entry.events === undefined || entry.checkpoints === undefined);
  }

  private groupChildren(
    connectionId: string,
    jobId: string,
    group: 'events' | 'checkpoints' | 'resultFiles',
  ): JobsNode[] {
    const entry = this.entry(connectionId, jobId);
    if (entry === undefined) return [];
    if (group === 'resultFiles')
      return entry.job.resultFiles.map((fileId) => ({ kind: 'resultFile', connectionId, jobId, fileId }));
    const items = group === 'events' ? entry.events : entry.checkpoints;
    if (items === undefined) return [{ kind: 'message', connectionId, jobId, text: entry.detailsError ?? 'Loading…' }];
    const nodes: JobsNode[] =
      group === 'events'
        ? (entry.events ?? []).map((event) => ({ kind: 'event', connectionId, jobId, event }))
        : (entry.checkpoints ?? []).map((checkpoint) => ({ kind: 'checkpoint', connectionId, jobId, checkpoint }));
    // Items read before stay; a later failure to read more is said above them.
    const failure: JobsNode[] =
      entry.detailsError === undefined ? [] : [{ kind: 'message', connectionId, jobId, text: entry.detailsError }];
    if (nodes.length === 0)
      return [
        ...failure,
        { kind: 'message', connectionId, jobId, text: group === 'events' ? 'No events yet.' : 'No checkpoints yet.' },
      ];
    return [...failure, ...nodes];
  }
}
