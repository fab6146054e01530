// The fine-tuning jobs API: create, list (newest first; `limit`, `after`, `metadata[k]=v`), retrieve, cancel, pause,
// resume, events (newest first; `limit`, `after`) and checkpoints. Each job runs on its own timer (see jobRun.ts).
// Fault: suffix `fault-500-after-create` creates the job but answers 500, as a server that fails after committing.
import { errorReply, isErrorReply, type ErrorReply } from './errors';
import type { FileStore } from './fileStore';
import { readJobRequest } from './jobRequest';
import { JobRun, type JobRunContext, type SimulatedJob } from './jobRun';
import type { ModelCatalog } from './models';
import { cursorPage } from './pagination';
import { idIn, json, ok, type Router } from './routes';

export interface FineTuningOptions {
  files: FileStore;
  models: ModelCatalog;
  /** Milliseconds per step of a job's life (each status change and each training step). */
  stepMs: number;
  /** Caps the training steps of an epoch (the examples divided by the batch size), so a job ends in seconds. */
  maxStepsPerEpoch: number;
  azure: boolean;
}

export interface FineTuning {
  router: Router;
  /** Stops every job's clock. */
  close(): void;
}

export function fineTuning(options: FineTuningOptions): FineTuning {
  const runs = new Map<string, JobRun>();
  const context: JobRunContext = options;

  const find = (id: string): JobRun | ErrorReply =>
    runs.get(id) ??
    errorReply(404, {
      message: `Could not find fine-tuning job with id ${id}.`,
      type: 'invalid_request_error',
      param: 'fine_tuning_job_id',
    });
  const act = (id: string, action: (run: JobRun) => SimulatedJob | ErrorReply) =>
    json(() => {
      const run = find(id);
      if (isErrorReply(run)) return run;
      const result = action(run);
      return isErrorReply(result) ? result : ok(result);
    });

  const router: Router = (method, path) => {
    if (path === '/v1/fine_tuning/jobs') {
      if (method === 'POST') return json((body) => create(body));
      if (method === 'GET') return json((_body, query) => list(query));
      return undefined;
    }
    for (const [rest, action] of [
      ['/cancel', (run: JobRun) => run.cancel()],
      ['/pause', (run: JobRun) => run.pause()],
      ['/resume', (run: JobRun) => run.resume()],
    ] as const) {
      const id = idIn(path, 'fine_tuning/jobs', rest);
      if (id !== undefined) return method === 'POST' ? act(id, action) : undefined;
    }
    if (method !== 'GET') return undefined;
    const eventsOf = idIn(path, 'fine_tuning/jobs', '/events');
    if (eventsOf !== undefined) {
      return json((_body, query) => {
        const run = find(eventsOf);
        return isErrorReply(run) ? run : cursorPage([...run.events].reverse(), query, 20);
      });
    }
    const checkpointsOf = idIn(path, 'fine_tuning/jobs', '/checkpoints');
    if (checkpointsOf !== undefined) {
      return json((_body, query) => {
        const run = find(checkpointsOf);
        return isErrorReply(run) ? run : cursorPage([...run.checkpoints].reverse(), query, 10);
      });
    }
    const id = idIn(path, 'fine_tuning/jobs');
    if (id === undefined) return undefined;
    return json(() => {
      const run = find(id);
      return isErrorReply(run) ? run : ok(run.job);
    });
  };

  function create(body: unknown) {
    const request = readJobRequest(body, options);
    if (isErrorReply(request)) return request;
    const run = new JobRun(request, context);
    runs.set(run.job.id, run);
    if (request.suffix?.includes('fault-500-after-create')) {
      return errorReply(500, {
        message: 'The server had an error while processing your request (OpenAI-compatible simulator).',
        type: 'server_error',
      });
    }
    return ok(run.job);
  }

  function list(query: URLSearchParams) {
    // `metadata[key]=value` filters, as the SDK sends them.
    const filters = [...query.entries()].flatMap(([key, value]) => {
      const name = /^metadata\[(.+)\]$/.exec(key)?.[1];
      return name === undefined ? [] : [[name, value] as const];
    });
    const jobs = [...runs.values()]
      .map((run) => run.job)
      .filter((job) => filters.every(([name, value]) => job.metadata?.[name] === value))
      .reverse();
    return cursorPage(jobs, query, 20);
  }

  return {
    router,
    close: () => {
      for (const run of runs.values()) run.stop();
    },
  };
}
