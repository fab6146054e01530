import { lineRange, type Problem } from '../problem';

const LISTED = 5;
const RELATED = 10;

/** "3", "3 and 9", "3, 9, 12 and 4 more": 1-based line numbers for messages, shortened for big groups. */
export function listLines(lines: readonly number[], total: number): string {
  const shown = lines.slice(0, LISTED).map((line) => String(line + 1));
  const more = total - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/** Related whole-line ranges for the first few of `lines` (each with its text length). */
export function relatedLines(
  lines: readonly number[],
  lengths: readonly number[],
  message: string,
): Problem['related'] {
  const related: { range: Problem['range']; message: string }[] = [];
  for (let i = 0; i < lines.length && i < RELATED; i++) {
    related.push({ range: lineRange(lines[i] ?? 0, 0, lengths[i] ?? 0), message });
  }
  return related;
}
