// Entry of the task worker (bundled as dist/task-worker.js): runs one task off the extension host thread.
import { parentPort } from 'node:worker_threads';
import { temporaryFiles } from '../io/temporaryFiles';
import { convertTaskHandlers } from './convertTasks';
import { curateTaskHandlers } from './curateTasks';
import type {
  FromWorkerMessage,
  TaskContext,
  TaskHandlerTable,
  TaskRequest,
  TaskResult,
  ToWorkerMessage,
} from './taskProtocol';

/** The worker's end of the channel: `parentPort` in a worker, a `MessagePort` in tests. */
export interface TaskPort {
  on(event: 'message', listener: (message: ToWorkerMessage) => void): unknown;
  postMessage(message: FromWorkerMessage): void;
  close(): void;
}

/** Options for {@link serveTasks}. */
export interface ServeTasksOptions {
  /** Minimum time between progress messages. Default 100 ms, so at most 10 a second. */
  readonly progressIntervalMs?: number;
}

/**
 * Serves one task on `port`: the first `run` message starts it with the handler for its kind, `cancel` (before or
 * during the run) aborts its signal, and exactly one `result` or `error` message is posted before the port closes,
 * which lets the worker exit. Later `run` messages are ignored: a worker is started per task.
 */
export function serveTasks(port: TaskPort, handlers: TaskHandlerTable, options: ServeTasksOptions = {}): void {
  const controller = new AbortController();
  const onProgress = throttleProgress(
    (done, total) => port.postMessage({ type: 'progress', done, total }),
    options.progressIntervalMs ?? 100,
  );
  let started = false;

  const run = async (task: TaskRequest): Promise<void> => {
    const unsubscribe = temporaryFiles.subscribe((path, live) => port.postMessage({ type: 'temporary', path, live }));
    try {
      const result = await dispatch(handlers, task, { signal: controller.signal, onProgress });
      port.postMessage({ type: 'result', result });
    } catch (error) {
      port.postMessage(
        error instanceof Error
          ? { type: 'error', message: error.message, name: error.name }
          : { type: 'error', message: String(error), name: 'Error' },
      );
    } finally {
      unsubscribe();
      port.close();
    }
  };

  port.on('message', (message) => {
    if (message.type === 'cancel') {
      controller.abort();
    } else if (message.type === 'run' && !started) {
      started = true;
      void run(message.task);
    }
  });
}

function dispatch(handlers: TaskHandlerTable, task: TaskRequest, context: TaskContext): Promise<TaskResult> {
  // Indexing by a union of kinds loses the link between a task and its handler, hence the widened type.
  const handler = handlers[task.kind] as ((task: TaskRequest, context: TaskContext) => Promise<TaskResult>) | undefined;
  if (handler === undefined) return Promise.reject(new Error(`Unknown task kind: ${String(task.kind)}`));
  return handler(task, context);
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

/** Every kind a worker can run. Add the tables of new task families here. */
const taskHandlers: TaskHandlerTable = { ...curateTaskHandlers, ...convertTaskHandlers };

if (parentPort) serveTasks(parentPort, taskHandlers);
