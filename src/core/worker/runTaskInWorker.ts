import { unlink } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FromWorkerMessage, TaskRequest, TaskResult, ToWorkerMessage } from './taskProtocol';

/** Options for {@link runTaskInWorker}. */
export interface RunTaskInWorkerOptions {
  /** Cancels the task: the worker is asked to stop and clean up, and the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Receives the worker's (throttled) progress. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * How long a cancelled task may take to clean up before its thread is terminated anyway (the temporary files it
   * reported are then removed here). Default 10 s.
   */
  readonly cancelGraceMs?: number;
}

/**
 * Runs one task in a new worker thread started from `workerPath` (the bundled `taskWorker.ts`) and resolves with its
 * result. Rejects with an error carrying the worker's message and error name when the task fails, with the signal's
 * reason when it was cancelled (after the worker has cleaned up, or after the grace period), and when the worker
 * exits without an answer. The worker is terminated before the promise settles, whatever the outcome.
 */
export function runTaskInWorker<J extends TaskRequest>(
  workerPath: string,
  task: J,
  options: RunTaskInWorkerOptions = {},
): Promise<TaskResult<J['kind']>> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise((resolve, reject) => {
    // A self-contained bundle: the host's flags (a TypeScript loader, --inspect) are not for it.
    const worker = new Worker(workerPath, { execArgv: [] });
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    // Temporary files the worker has open: its own cleanup removes them, unless it is terminated first.
    const temporary = new Set<string>();

    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate().then(outcome, outcome);
    };
    const send = (message: ToWorkerMessage): void => worker.postMessage(message);

    // The worker removes its temporary files when its signal fires, so it gets time to answer before termination.
    const onAbort = (): void => {
      send({ type: 'cancel' });
      graceTimer = setTimeout(
        () => settle(() => void removeAll(temporary).then(() => reject(abortReason(signal!)))),
        options.cancelGraceMs ?? 10_000,
      );
    };

    worker.on('message', (message: FromWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.done, message.total);
          break;
        case 'temporary':
          if (message.live) temporary.add(message.path);
          else temporary.delete(message.path);
          break;
        case 'result':
          // The worker answers a task with the result of that task's kind; the message type cannot say which kind.
          settle(() => resolve(message.result as TaskResult<J['kind']>));
          break;
        case 'error':
          settle(() =>
            reject(signal?.aborted && message.name === 'AbortError' ? abortReason(signal) : taskError(message)),
          );
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`The task worker stopped (exit code ${code}) before finishing the ${task.kind} task.`)),
      ),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    send({ type: 'run', task });
  });
}

/** Removes files a terminated worker left behind; ones already gone are fine. */
async function removeAll(paths: ReadonlySet<string>): Promise<void> {
  for (const path of paths) await unlink(path).catch(() => undefined);
}

function taskError(message: { readonly message: string; readonly name: string }): Error {
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

/** The abort reason as an Error (an `AbortError` DOMException unless the caller gave its own Error). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The task was cancelled.', 'AbortError');
}
