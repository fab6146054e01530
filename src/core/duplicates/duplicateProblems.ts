import { lineRange, type Problem } from '../problem';
import { listLines, relatedLines } from '../validation/lineList';
import { newProblem } from '../validation/newProblem';

/** Lines named in a message and related ranges per problem; big groups are summarised. */
export const NOTED_LINES = 10;

/** A line of a duplicate or conflict group. */
export interface GroupLine {
  readonly line: number;
  readonly length: number;
}

/**
 * The warning for a later copy of an example. `others` are up to {@link NOTED_LINES} other lines of its group in line
 * order, starting with the first copy; `groupSize` counts every copy.
 */
export function duplicateProblem(self: GroupLine, others: readonly GroupLine[], groupSize: number): Problem {
  const first = others[0]?.line ?? self.line;
  const alsoCount = groupSize - 2;
  const also = listLines(
    others.slice(1).map((o) => o.line),
    alsoCount,
  );
  const message =
    `Exact duplicate of line ${first + 1}` +
    (alsoCount > 0 ? ` (also on line${alsoCount > 1 ? 's' : ''} ${also})` : '');
  return newProblem(
    'ft.duplicate-example',
    message,
    lineRange(self.line, 0, self.length),
    relatedLines(
      others.map((o) => o.line),
      others.map((o) => o.length),
      'Same example',
    ),
  );
}

/**
 * The warning for a line whose prompt other lines answer differently. `others` are up to {@link NOTED_LINES} of those
 * lines in line order; `total` counts them all.
 */
export function conflictProblem(self: GroupLine, others: readonly GroupLine[], total: number): Problem {
  const message = `Same prompt as line${total > 1 ? 's' : ''} ${listLines(
    others.map((o) => o.line),
    total,
  )}, but a different answer`;
  return newProblem(
    'ft.conflicting-answers',
    message,
    lineRange(self.line, 0, self.length),
    relatedLines(
      others.map((o) => o.line),
      others.map((o) => o.length),
      'Same prompt, other answer',
    ),
  );
}
