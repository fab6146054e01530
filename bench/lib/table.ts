import { verdict, type CaseFailure, type CaseRow } from './results';

const HEADERS = ['case', 'baseline', 'ours', 'ratio', 'target', 'result', 'peak RSS'];

/** The results as a plain-text table (fixed-width columns, one row per measured number). */
export function formatTable(rows: readonly CaseRow[], failures: readonly CaseFailure[]): string {
  const cells = rows.map((row) => [
    `${row.id} ${row.name}`,
    row.baseline,
    row.ours,
    row.ratio,
    row.target?.label ?? '',
    verdict(row),
    row.rss ?? '',
  ]);
  for (const failure of failures) cells.push([`${failure.id} ${failure.name}`, '', '', '', '', 'CRASH', '']);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  const out = [line(HEADERS), rule, ...cells.map(line)];
  for (const failure of failures) out.push('', `case ${failure.id} crashed: ${failure.error}`);
  return out.join('\n');
}
