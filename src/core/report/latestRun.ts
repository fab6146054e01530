/**
 * Runs of which only the latest counts. Starting a run supersedes every earlier one still in flight: their results and
 * failures are dropped, so a slow earlier run (e.g. the report for the model selected before) can never overwrite
 * the answer of a later one.
 */
export class LatestRun {
  private generation = 0;

  /** Starts a run; `onResult` or `onError` is called only if no other run started (and no cancel) meanwhile. */
  start<T>(run: () => Promise<T>, onResult: (value: T) => void, onError: (error: unknown) => void): void {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    // The executor turns a run that throws at once into a rejection, reported like any other failure.
    new Promise<T>((resolve) => resolve(run())).then(
      (value) => current() && onResult(value),
      (error: unknown) => current() && onError(error),
    );
  }

  /** Supersedes the run in flight without starting another (e.g. its receiver went away). */
  cancel(): void {
    this.generation++;
  }
}
