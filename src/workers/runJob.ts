import * as vscode from 'vscode';
import type { JobRequest, JobResult } from '../core/worker/jobProtocol';
import { runJobInWorker } from '../core/worker/runJobInWorker';

/** Options for {@link runJob}. */
export interface RunJobOptions {
  /** Shown in the progress notification, e.g. "Splitting data.jsonl". */
  readonly title: string;
  /** Cancels the job as the notification's Cancel button does. */
  readonly token?: vscode.CancellationToken;
}

/**
 * Runs a job in a worker thread (dist/job-worker.js) so the extension host stays responsive, with a cancellable
 * progress notification. Resolves with the job's result; rejects with `vscode.CancellationError` when cancelled
 * (the worker has removed its partial output by then) and with the job's error when it fails.
 */
export function runJob<J extends JobRequest>(
  extensionUri: vscode.Uri,
  job: J,
  options: RunJobOptions,
): Thenable<JobResult<J['kind']>> {
  const workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'job-worker.js').fsPath;
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
        return await runJobInWorker(workerPath, job, { signal: controller.signal, onProgress });
      } catch (error) {
        if (controller.signal.aborted) throw new vscode.CancellationError();
        throw error;
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
      }
    },
  );
}
