import * as vscode from 'vscode';
import type { TaskRequest, TaskResult } from '../core/worker/taskProtocol';
import { runTaskInWorker } from '../core/worker/runTaskInWorker';
import { withCancellableProgress } from './cancellableProgress';

/** Options for {@link runTask}. */
export interface RunTaskOptions {
  /** Shown in the progress notification, e.g. "Splitting data.jsonl". */
  readonly title: string;
  /** Cancels the task as the notification's Cancel button does. */
  readonly token?: vscode.CancellationToken;
}

/**
 * Runs a task in a worker thread (dist/task-worker.js) so the extension host stays responsive, with a cancellable
 * progress notification. Resolves with the task's result; rejects with `vscode.CancellationError` when cancelled
 * (the worker has removed its partial output by then) and with the task's error when it fails.
 */
export function runTask<J extends TaskRequest>(
  extensionUri: vscode.Uri,
  task: J,
  options: RunTaskOptions,
): Thenable<TaskResult<J['kind']>> {
  const workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'task-worker.js').fsPath;
  return withCancellableProgress(
    options.title,
    (signal, onProgress) => runTaskInWorker(workerPath, task, { signal, onProgress }),
    options.token,
  );
}
