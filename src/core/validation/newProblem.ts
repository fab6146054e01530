import type { Problem, Range } from '../problem';
import { CODES, type DiagnosticCode } from './codes';

/** A problem with its code's default severity (user overrides are applied later, in one place). */
export function newProblem(code: DiagnosticCode, message: string, range: Range, related?: Problem['related']): Problem {
  const severity = CODES[code].defaultSeverity;
  return related === undefined || related.length === 0
    ? { code, severity, message, range }
    : { code, severity, message, range, related };
}
