import type { OtherFormat } from '../format/otherFormat';
import { lineRange, type Problem } from '../problem';
import type { DiagnosticCode } from './codes';
import { newProblem } from './newProblem';

/**
 * The one problem of a file in another tool's layout, on line 0: what it is and how to convert it. The editor's
 * quick fix for this code runs "Convert to Chat JSONL…".
 */
export function otherFormatProblem(other: OtherFormat, firstLineLength: number): Problem {
  const message =
    `This file looks like ${other.label}, not an OpenAI fine-tuning format, so its lines were not checked as ` +
    `examples. Convert it with "Fine-Tune: Convert to Chat JSONL…" or \`finetune-studio convert FILE ${other.convertArgs}\`.`;
  return newProblem('ft.other-format', message, lineRange(0, 0, firstLineLength));
}

/** Problems about a line's bytes and JSON, which hold in a file of any layout; the format checks do not. */
const LAYOUT_FREE_CODES: ReadonlySet<string> = new Set<DiagnosticCode>([
  'ft.json-syntax',
  'ft.trailing-comma',
  'ft.not-an-object',
  'ft.blank-line',
  'ft.bom',
  'ft.invalid-utf8',
  'ft.line-too-long',
  'ft.nesting-too-deep',
  'ft.duplicate-key',
  'ft.lone-surrogate',
]);

/** True for a problem still reported in a file of another tool's layout. */
export function appliesToOtherFormat(problem: Pick<Problem, 'code'>): boolean {
  return LAYOUT_FREE_CODES.has(problem.code);
}
