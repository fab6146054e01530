/**
 * Runs of which only the latest counts. Starting a run supersedes every earlier one still in flight: their results and
 * failures are dropped, so a slow earlier run (e.g. the report for the model selected before) can never overwrite
 * the answer of a later one, and their signals abort, so they stop spending time on an answer nobody will see.
 */
export class LatestRun {
  private current: AbortController | undefined;

  /** Starts a run; `onResult` or `onError` is called only if no other run started (and no cancel) meanwhile. */
  start<T>(
    run: (signal: AbortSignal) => Promise<T>,
    onResult: (value: T) => void,
    onError: (error: unknown) => void,
  ): void {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const latest = () => !controller.signal.aborted;
    // The executor turns a run that throws at once into a rejection, reported like any other failure.
    new Promise<T>((resolve) => resolve(run(controller.signal))).then(
      (value) => latest() && onResult(value),
      (error: unknown) => latest() && onError(error),
    );
  }

  /** Supersedes the run in flight without starting another (e.g. its receiver went away). */
  cancel(): void {
    this.current?.abort();
  }
}
