import type { Problem } from '../problem';

/**
 * Where file checks put their problems. The code comes first and the problem is built on demand, so an output that
 * only counts beyond a cap (the file validator's ProblemSink) never builds the millions of problems a broken file
 * can have.
 */
export interface ProblemOutput {
  report(code: string, build: () => Problem): void;
}

/** An output that keeps every problem. */
export class ProblemList implements ProblemOutput {
  readonly problems: Problem[] = [];

  report(_code: string, build: () => Problem): void {
    this.problems.push(build());
  }
}
