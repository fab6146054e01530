import * as vscode from 'vscode';
import type { TaskRequest, TaskResult } from '../core/worker/taskProtocol';
import { runTaskInWorker } from '../core/worker/runTaskInWorker';

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
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true },
    async (progress, progressToken) => {
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      const subscriptions = [progressToken.onCancellationRequested(cancel)];
      if (options.token) {
        subscriptions.push(options.token.onCancellationRequested(cancel));
        if (options.token.isCancellationRequested) cancel();
      }
      // withProgress adds up increments, so only the growth since the last report is passed on.
      let reportedPercent = 0;
      const onProgress = (done: number, total: number): void => {
        const percent = total > 0 ? Math.min(100, (100 * done) / total) : 0;
        if (percent <= reportedPercent) return;
        progress.report({ increment: percent - reportedPercent, message: `${Math.floor(percent)} %` });
        reportedPercent = percent;
      };
      try {
        return await runTaskInWorker(workerPath, task, { signal: controller.signal, onProgress });
      } catch (error) {
        if (controller.signal.aborted) throw new vscode.CancellationError();
        throw error;
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
      }
    },
  );
}
