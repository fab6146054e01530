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
