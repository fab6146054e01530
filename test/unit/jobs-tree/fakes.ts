// Test doubles for the jobs view: a provider over in-memory jobs, a memento and a clock whose timers run on demand.
import type { FineTuneJob, JobCheckpoint, JobEvent } from '../../../src/core/jobs/job';
import type { FineTuneProvider, ProviderCapabilities } from '../../../src/core/jobs/provider';
import type { PollClock } from '../../../src/jobs/watch/jobsWatcher';
import type { WatchedJobsMemento } from '../../../src/jobs/watch/watchedJobs';

export function job(id: string, status: string, extra: Partial<FineTuneJob> = {}): FineTuneJob {
  return {
    id,
    status,
    model: 'gpt-4o-mini-2024-07-18',
    createdAt: 1_700_000_000,
    method: 'supervised',
    hyperparameters: {},
    trainingFile: 'file-train',
    resultFiles: [],
    metadata: {},
    ...extra,
  };
}

export function event(id: string, createdAt: number, message: string, data?: unknown): JobEvent {
  return { id, createdAt, level: 'info', message, ...(data === undefined ? {} : { type: 'metrics', data }) };
}

export class FakeProvider implements FineTuneProvider {
  capabilities: ProviderCapabilities = { methods: ['supervised'], pause: false, trainingTypes: [] };
  /** What list() returns (the server's recent page). */
  listed: FineTuneJob[] = [];
  /** Every job the server knows, for retrieve(). */
  jobs = new Map<string, FineTuneJob>();
  eventsOf = new Map<string, JobEvent[]>();
  checkpointsOf = new Map<string, JobCheckpoint[]>();
  failList: Error | undefined;
  calls: string[] = [];

  setJobs(...jobs: FineTuneJob[]): void {
    this.listed = jobs;
    for (const j of jobs) this.jobs.set(j.id, j);
  }

  listBaseModels(): Promise<string[]> {
    return Promise.resolve([]);
  }
  upload(): never {
    throw new Error('not used');
  }
  fileInfo(): never {
    throw new Error('not used');
  }
  fileContent(): never {
    throw new Error('not used');
  }
  create(): never {
    throw new Error('not used');
  }
  pause(): never {
    throw new Error('not used');
  }
  resume(): never {
    throw new Error('not used');
  }
  cancel(): never {
    throw new Error('not used');
  }
  list(): Promise<FineTuneJob[]> {
    this.calls.push('list');
    if (this.failList !== undefined) return Promise.reject(this.failList);
    return Promise.resolve([...this.listed]);
  }
  retrieve(jobId: string): Promise<FineTuneJob> {
    this.calls.push(`retrieve ${jobId}`);
    const found = this.jobs.get(jobId);
    if (found === undefined) return Promise.reject(Object.assign(new Error(`No job ${jobId}`), { status: 404 }));
    return Promise.resolve(found);
  }
  events(jobId: string, options: { since?: string; limit?: number }): Promise<JobEvent[]> {
    this.calls.push(`events ${jobId}${options.since === undefined ? '' : ` since ${options.since}`}`);
    const all = this.eventsOf.get(jobId) ?? [];
    const end = options.since === undefined ? all.length : all.findIndex((e) => e.id === options.since);
    return Promise.resolve(all.slice(0, end === -1 ? all.length : end).slice(0, options.limit ?? Infinity));
  }
  checkpoints(jobId: string): Promise<JobCheckpoint[]> {
    this.calls.push(`checkpoints ${jobId}`);
    return Promise.resolve(this.checkpointsOf.get(jobId) ?? []);
  }
}

export function memento(): WatchedJobsMemento & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key) => values.get(key),
    update: (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    },
  };
}

/** Timers that fire only when the test says so. */
export class ManualClock implements PollClock {
  private next = 1;
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** The delays of the timers pending now. */
  pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }
  /** Fires every pending timer once. */
  fire(): void {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, timer] of due) timer.callback();
  }
}

/** Lets queued promise callbacks run (the watcher's polls are chains of awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
