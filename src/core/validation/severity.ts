import type { Problem, Severity } from '../problem';

/** Per-code severity settings; `off` hides the code. Keys are codes, so codes of other modules work too. */
export type SeverityOverrides = Partial<Record<string, Severity | 'off'>>;

/** Applies the user's severities: drops problems whose code is `off` and re-labels the rest. */
export function applySeverities(problems: readonly Problem[], overrides: SeverityOverrides): Problem[] {
  const out: Problem[] = [];
  for (const problem of problems) {
    const override = severityFor(problem.code, overrides);
    if (override === undefined || override === problem.severity) out.push(problem);
    else if (override !== 'off') out.push({ ...problem, severity: override });
  }
  return out;
}

/** The user's setting for one code, ignoring inherited object keys such as `constructor`. */
export function severityFor(code: string, overrides: SeverityOverrides): Severity | 'off' | undefined {
  return Object.prototype.hasOwnProperty.call(overrides, code) ? overrides[code] : undefined;
}

/** The one ranking of severities, most severe first, for sorting problems and counts. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Orders by severity, most severe first; any string that is not a severity sorts last. */
export function bySeverity(a: { readonly severity: string }, b: { readonly severity: string }): number {
  return rankOf(a.severity) - rankOf(b.severity);
}

function rankOf(severity: string): number {
  return Object.prototype.hasOwnProperty.call(SEVERITY_RANK, severity) ? SEVERITY_RANK[severity as Severity] : 4;
}

/** Problems per severity. */
export function severityCounts(problems: readonly Pick<Problem, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const problem of problems) counts[problem.severity]++;
  return counts;
}
