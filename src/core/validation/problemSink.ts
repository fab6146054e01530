import type { Problem } from '../problem';
import { severityFor, type SeverityOverrides } from './severity';

/**
 * Collects problems from a stream: applies the user's severities, counts every problem per code, and keeps only the
 * first `maxPerCode` of each code so that a broken multi-gigabyte file cannot exhaust memory.
 */
export class ProblemSink {
  readonly counts: Record<string, number> = {};
  readonly problems: Problem[] = [];

  constructor(
    private readonly overrides: SeverityOverrides,
    private readonly maxPerCode: number,
  ) {}

  add(problem: Problem): void {
    const override = severityFor(problem.code, this.overrides);
    if (override === 'off') return;
    const count = (this.counts[problem.code] ?? 0) + 1;
    this.counts[problem.code] = count;
    if (count > this.maxPerCode) return;
    this.problems.push(override === undefined || override === problem.severity ? problem : { ...problem, severity: override });
  }

  addAll(problems: readonly Problem[]): void {
    for (const problem of problems) this.add(problem);
  }
}
