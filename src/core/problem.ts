/**
 * The plain-data shape every check in the core returns. Adapters turn it into VS Code diagnostics, CLI lines or
 * JSON; nothing here knows about either.
 */

/** Severity of a problem, configurable per code by the user. `off` hides it. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A zero-based position: `line` in the file, `character` in UTF-16 code units within that line (as VS Code counts). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range in a text document. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A single finding. `code` is a stable string like `ft.json-syntax`; quick fixes and settings match on it. */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Other places that belong to the finding (e.g. the earlier duplicate). */
  readonly related?: readonly { readonly range: Range; readonly message: string }[];
}

/** A text replacement, in the same coordinates as `Range`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Builds a range on one line. */
export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/** Orders problems by start position, then code, for stable output. */
export function byPosition(a: Problem, b: Problem): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
