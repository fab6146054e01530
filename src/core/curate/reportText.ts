import type { CurationReport, LineNote } from './report';
import { plural } from '../text/plural';

/**
 * A plain-text summary of a report for terminals and logs: counts, outputs, then the first `maxNotes` skipped
 * lines and warnings with their line numbers.
 */
export function formatCurationReport(report: CurationReport, maxNotes = 20): string {
  const lines = [`Read ${plural(report.read, 'line')}, wrote ${report.written}.`];
  if (report.compared !== undefined) lines.push(`Duplicates: ${report.compared}.`);
  for (const output of report.outputs) lines.push(`  ${output.path}: ${output.lines} lines`);
  if (report.outputs.length === 0) lines.push('Nothing to write: no file was written or replaced.');
  appendNotes(lines, 'Skipped', report.skipped, report.skippedCount, maxNotes);
  appendNotes(lines, 'Warnings for', report.warnings, report.warningCount, maxNotes);
  return `${lines.join('\n')}\n`;
}

function appendNotes(
  lines: string[],
  title: string,
  notes: readonly LineNote[],
  count: number,
  maxNotes: number,
): void {
  if (count === 0) return;
  lines.push(`${title} ${plural(count, 'line')}:`);
  const shown = notes.slice(0, maxNotes);
  for (const note of shown)
    lines.push(`  ${note.path === undefined ? '' : `${note.path} `}line ${note.line}: ${note.reason}`);
  if (count > shown.length) lines.push(`  … and ${count - shown.length} more`);
}
