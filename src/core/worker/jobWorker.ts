// Entry of the job worker (bundled as dist/job-worker.js): runs one job off the extension host thread.
import { parentPort } from 'node:worker_threads';
import { convertJobHandlers } from './convertJobs';
import { curateJobHandlers } from './curateJobs';
import type {
  FromWorkerMessage,
  JobContext,
  JobHandlerTable,
  JobRequest,
  JobResult,
  ToWorkerMessage,
} from './jobProtocol';

/** The worker's end of the channel: `parentPort` in a worker, a `MessagePort` in tests. */
export interface JobPort {
  on(event: 'message', listener: (message: ToWorkerMessage) => void): unknown;
  postMessage(message: FromWorkerMessage): void;
  close(): void;
}

/** Options for {@link serveJobs}. */
export interface ServeJobsOptions {
  /** Minimum time between progress messages. Default 100 ms, so at most 10 a second. */
  readonly progressIntervalMs?: number;
}

/**
 * Serves one job on `port`: the first `run` message starts it with the handler for its kind, `cancel` (before or
 * during the run) aborts its signal, and exactly one `result` or `error` message is posted before the port closes,
 * which lets the worker exit. Later `run` messages are ignored: a worker is started per job.
 */
export function serveJobs(port: JobPort, handlers: JobHandlerTable, options: ServeJobsOptions = {}): void {
  const controller = new AbortController();
  const onProgress = throttleProgress(
    (done, total) => port.postMessage({ type: 'progress', done, total }),
    options.progressIntervalMs ?? 100,
  );
  let started = false;

  const run = async (job: JobRequest): Promise<void> => {
    try {
      const result = await dispatch(handlers, job, { signal: controller.signal, onProgress });
      port.postMessage({ type: 'result', result });
    } catch (error) {
      port.postMessage(
        error instanceof Error
          ? { type: 'error', message: error.message, name: error.name }
          : { type: 'error', message: String(error), name: 'Error' },
      );
    } finally {
      port.close();
    }
  };

  port.on('message', (message) => {
    if (message.type === 'cancel') {
      controller.abort();
    } else if (message.type === 'run' && !started) {
      started = true;
      void run(message.job);
    }
  });
}

function dispatch(handlers: JobHandlerTable, job: JobRequest, context: JobContext): Promise<JobResult> {
  // Indexing by a union of kinds loses the link between a job and its handler, hence the widened type.
  const handler = handlers[job.kind] as ((job: JobRequest, context: JobContext) => Promise<JobResult>) | undefined;
  if (handler === undefined) return Promise.reject(new Error(`Unknown job kind: ${String(job.kind)}`));
  return handler(job, context);
}

/**
 * Wraps a progress callback so it passes on at most one call per `intervalMs` (the first call always passes);
 * the calls in between are dropped, as only the latest count matters.
 */
export function throttleProgress(
  report: (done: number, total: number) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (done: number, total: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (done, total) => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    report(done, total);
  };
}

/** Every kind a worker can run. Add the tables of new job families here. */
const jobHandlers: JobHandlerTable = { ...curateJobHandlers, ...convertJobHandlers };

if (parentPort) serveJobs(parentPort, jobHandlers);
