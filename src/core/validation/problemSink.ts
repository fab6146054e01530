import type { Problem } from '../problem';
import type { ProblemOutput } from './problemOutput';
import { severityFor, type SeverityOverrides } from './severity';

/**
 * Collects problems from a stream: applies the user's severities, counts every problem per code, and keeps (and
 * builds) only the first `maxPerCode` of each code, so a broken multi-gigabyte file cannot exhaust memory.
 */
export class ProblemSink implements ProblemOutput {
  readonly counts: Record<string, number> = {};
  readonly problems: Problem[] = [];

  constructor(
    private readonly overrides: SeverityOverrides,
    private readonly maxPerCode: number,
  ) {}

  /** Counts a problem of `code` and builds it only when it is kept. */
  report(code: string, build: () => Problem): void {
    const override = severityFor(code, this.overrides);
    if (override === 'off') return;
    const count = (this.counts[code] ?? 0) + 1;
    this.counts[code] = count;
    if (count > this.maxPerCode) return;
    const problem = build();
    this.problems.push(
      override === undefined || override === problem.severity ? problem : { ...problem, severity: override },
    );
  }

  /** Adds a problem that is already built. */
  add(problem: Problem): void {
    this.report(problem.code, () => problem);
  }

  /** Adds problems that are already built (the problems of one line). */
  addAll(problems: readonly Problem[]): void {
    for (const problem of problems) this.add(problem);
  }
}
