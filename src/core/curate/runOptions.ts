import { stat } from 'node:fs/promises';
import type { OpenTemporary } from '../io/atomicWriter';
import { fileError } from '../io/fileErrors';

/** Options every curation operation takes. */
export interface CurateRunOptions {
  /** Cancels the operation; no output is written and existing outputs stay as they were. */
  readonly signal?: AbortSignal;
  /**
   * Called as input is read. `totalBytes` is the input size times the passes the operation makes (two for split,
   * sample and shuffle), so `bytesRead / totalBytes` is the fraction done.
   */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** How temporary output files are created; tests inject write failures here. */
  readonly openTemporary?: OpenTemporary;
}

/** Tracks progress over several passes or files and reports it through {@link CurateRunOptions.onProgress}. */
export class ProgressCounter {
  private done = 0;

  private constructor(
    private readonly totalBytes: number,
    private readonly onProgress: CurateRunOptions['onProgress'],
  ) {}

  /** Sizes the work: each path's size, counted `passes` times. */
  static async of(paths: readonly string[], passes: number, options: CurateRunOptions): Promise<ProgressCounter> {
    let total = 0;
    for (const path of paths) {
      total += (
        await stat(path).catch((error: unknown) => {
          throw fileError('read', path, error);
        })
      ).size;
    }
    return new ProgressCounter(total * passes, options.onProgress);
  }

  /** A callback for one pass or file: it receives bytes read within that part. */
  part(): (bytesRead: number) => void {
    const start = this.done;
    return (bytesRead) => {
      this.done = start + bytesRead;
      this.onProgress?.(this.done, this.totalBytes);
    };
  }
}
