import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { lineRange, type Problem, type Range } from '../problem';
import type { Finding, JsonPath, Target } from './findings';
import { newProblem } from './newProblem';

/** The line whose findings are located: its number, its text after any BOM, and how many characters the BOM took. */
export interface LocatedLine {
  readonly line: number;
  readonly body: string;
  readonly shift: number;
}

/**
 * Turns findings into problems with precise ranges. The line is parsed into a tree once, and only here: lines
 * without findings never pay for it. A tree that cannot be built (absurd nesting) degrades to whole-line ranges.
 */
export function locateFindings(findings: readonly Finding[], where: LocatedLine): Problem[] {
  let root: Node | undefined;
  try {
    root = parseTree(where.body, [], { allowTrailingComma: false, disallowComments: true });
  } catch {
    root = undefined;
  }
  return findings.map((finding) =>
    newProblem(finding.code, finding.message, rangeOf(root, finding.path, finding.target, where)),
  );
}

function rangeOf(root: Node | undefined, path: JsonPath, target: Target, where: LocatedLine): Range {
  const whole = lineRange(where.line, 0, where.body.length + where.shift);
  if (root === undefined || target === 'line') return whole;
  const node = findNodeAtLocation(root, path as (string | number)[]);
  if (node === undefined) return whole;
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  const chosen = target === 'key' && key !== undefined ? key : node;
  return lineRange(where.line, where.shift + chosen.offset, where.shift + chosen.offset + chosen.length);
}
