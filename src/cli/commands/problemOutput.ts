import type { Problem } from '../../core/problem';
import { terminalSafe } from '../../core/text/terminalSafe';

/**
 * `file:line:col: severity code message` — one per line, the shape compilers print and problem matchers read. Names
 * and messages quote data, so control characters are escaped.
 */
export function textLine(file: string, p: Problem): string {
  const where = `${terminalSafe(file)}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  return `${where}: ${p.severity} ${p.code} ${terminalSafe(p.message)}`;
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

function githubEscape(text: string, property: boolean): string {
  // Line breaks become the workflow command's own escapes; every other control character is made visible.
  const escaped = terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  return property ? escaped.replace(/:/g, '%3A').replace(/,/g, '%2C') : escaped;
}

/** A GitHub Actions workflow command, which annotates the file in the pull request. */
export function githubLine(file: string, p: Problem): string {
  const props = [
    `file=${githubEscape(file, true)}`,
    `line=${p.range.start.line + 1}`,
    `col=${p.range.start.character + 1}`,
    `endLine=${p.range.end.line + 1}`,
    `endColumn=${p.range.end.character + 1}`,
    `title=${githubEscape(p.code, true)}`,
  ];
  return `::${GITHUB_LEVEL[p.severity]} ${props.join(',')}::${githubEscape(p.message, false)}`;
}

/** Plain JSON for a problem, with 1-based positions like the text output. */
export function jsonProblem(p: Problem) {
  return {
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    severity: p.severity,
    code: p.code,
    message: p.message,
  };
}

/** Counts per severity: each code has one severity (the kept problems of a code show it). */
export function severityTotals(
  problems: readonly Problem[],
  counts: Record<string, number>,
): { errors: number; warnings: number; infos: number } {
  const severityOf = new Map(problems.map((p) => [p.code, p.severity]));
  const totals = { errors: 0, warnings: 0, infos: 0 };
  for (const [code, count] of Object.entries(counts)) {
    const severity = severityOf.get(code);
    if (severity === 'error') totals.errors += count;
    else if (severity === 'warning') totals.warnings += count;
    else totals.infos += count;
  }
  return totals;
}
