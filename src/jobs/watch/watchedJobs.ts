/**
 * The jobs the user asked to watch (created or rerun here, or added with `fineTuneStudio.jobs.watch`), kept in the
 * workspace's state so they survive a window reload. A watched job gets a notification once when it ends; `done`
 * remembers that it was given, so a reload does not repeat it. Pure (the memento is structural): unit-tested in Node.
 */

/** The part of `vscode.Memento` used here. */
export interface WatchedJobsMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

export interface WatchedJob {
  connectionId: string;
  jobId: string;
  /** The end of the job was announced. */
  done: boolean;
}

const KEY = 'fineTuneStudio.jobs.watched';
/** The newest entries kept: enough for any real workspace, bounded so the state never grows without end. */
export const MAX_WATCHED_JOBS = 100;

export class WatchedJobs {
  private entries: WatchedJob[];

  constructor(private readonly memento: WatchedJobsMemento) {
    this.entries = parseEntries(memento.get(KEY));
  }

  all(): readonly WatchedJob[] {
    return this.entries;
  }

  of(connectionId: string): WatchedJob[] {
    return this.entries.filter((entry) => entry.connectionId === connectionId);
  }

  get(connectionId: string, jobId: string): WatchedJob | undefined {
    return this.entries.find((entry) => entry.connectionId === connectionId && entry.jobId === jobId);
  }

  /** Watches a job (again: a resumed or rerun job is announced once more when it ends). */
  async add(connectionId: string, jobId: string): Promise<void> {
    this.entries = [
      { connectionId, jobId, done: false },
      ...this.entries.filter((entry) => !(entry.connectionId === connectionId && entry.jobId === jobId)),
    ].slice(0, MAX_WATCHED_JOBS);
    await this.save();
  }

  async markDone(connectionId: string, jobId: string): Promise<void> {
    const entry = this.get(connectionId, jobId);
    if (entry === undefined || entry.done) return;
    entry.done = true;
    await this.save();
  }

  private save(): Thenable<void> {
    return this.memento.update(KEY, this.entries);
  }
}

/** Entries from storage; anything malformed (an older or hand-edited state) is dropped, never thrown. */
function parseEntries(value: unknown): WatchedJob[] {
  if (!Array.isArray(value)) return [];
  const entries: WatchedJob[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { connectionId, jobId, done } = item as Record<string, unknown>;
    if (typeof connectionId !== 'string' || typeof jobId !== 'string' || connectionId === '' || jobId === '') continue;
    entries.push({ connectionId, jobId, done: done === true });
  }
  return entries.slice(0, MAX_WATCHED_JOBS);
}
