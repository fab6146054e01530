import * as vscode from 'vscode';
import { percentProgress } from './percentProgress';

/** The work shown by {@link withCancellableProgress}: it stops when the signal aborts and reports done of total. */
export type CancellableWork<T> = (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>;

/**
 * Runs work under a cancellable progress notification: the notification's Cancel button (or `token`) aborts the
 * work's signal, and "done of total" counts become percent steps. Resolves with the work's result; rejects with
 * `vscode.CancellationError` when cancelled and with the work's error when it fails. The one home of this wiring for
 * every long command (worker tasks, Validate File…).
 */
export function withCancellableProgress<T>(
  title: string,
  work: CancellableWork<T>,
  token?: vscode.CancellationToken,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, progressToken) => {
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      const subscriptions = [progressToken.onCancellationRequested(cancel)];
      if (token) {
        subscriptions.push(token.onCancellationRequested(cancel));
        if (token.isCancellationRequested) cancel();
      }
      try {
        return await work(
          controller.signal,
          percentProgress((step) => progress.report(step)),
        );
      } catch (error) {
        if (controller.signal.aborted) throw new vscode.CancellationError();
        throw error;
      } finally {
        for (const subscription of subscriptions) subscription.dispose();
      }
    },
  );
}
