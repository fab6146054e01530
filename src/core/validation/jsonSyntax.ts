import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineRange, type Problem } from '../problem';
import { newProblem } from './newProblem';
import { MAX_NESTING_DEPTH, nestsTooDeep } from './jsonStructure';
import { isBlankFrom, isWhitespaceCode } from './whitespace';
import { messageOf } from '../errors/messageOf';

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected ":" after the property name',
  [ParseErrorCode.CommaExpected]: 'expected a comma',
  [ParseErrorCode.CloseBraceExpected]: 'expected "}"',
  [ParseErrorCode.CloseBracketExpected]: 'expected "]"',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the JSON object (one example per line)',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'incomplete number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape sequence',
  [ParseErrorCode.InvalidCharacter]: 'control character in a string (escape it, e.g. \\n or \\t)',
};

/**
 * Describes why `body` (a line without its BOM, which took `shift` characters) is not JSON, at the exact column.
 * Called only after JSON.parse failed: jsonc-parser finds where; JSON.parse's own message is the fallback for the
 * rare inputs jsonc-parser accepts, and for lines nested too deeply to hand to a recursive parser.
 */
export function syntaxProblem(body: string, line: number, shift: number, parseError: unknown): Problem {
  if (nestsTooDeep(body))
    return fallbackProblem(body, line, shift, parseError, ` (and nested deeper than ${MAX_NESTING_DEPTH} levels)`);
  const errors: ParseError[] = [];
  try {
    parse(body, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    errors.length = 0;
  }
  const first = errors[0];
  if (first === undefined) return fallbackProblem(body, line, shift, parseError);
  const comma = trailingCommaBefore(body, first);
  if (comma !== -1) {
    const closer = body[first.offset] === '}' ? 'object' : 'array';
    return problem(
      'ft.trailing-comma',
      `Invalid JSON: trailing comma before the end of the ${closer}`,
      line,
      shift + comma,
      shift + comma + 1,
    );
  }
  if (isBlankFrom(body, first.offset)) {
    const start = Math.max(0, lastNonBlank(body));
    return problem(
      'ft.json-syntax',
      `Invalid JSON: the line ends before the JSON is complete (${describe(first, body)})`,
      line,
      shift + start,
      shift + body.length,
    );
  }
  const end = Math.min(body.length, first.offset + Math.max(1, first.length));
  return problem('ft.json-syntax', `Invalid JSON: ${describe(first, body)}`, line, shift + first.offset, shift + end);
}

function describe(error: ParseError, body: string): string {
  const known = MESSAGES[error.error];
  if (known !== undefined) return known;
  const found = body.slice(error.offset, error.offset + Math.min(Math.max(1, error.length), 20));
  return `unexpected ${JSON.stringify(found)}`;
}

/** The offset of the comma when the error is a `}` or `]` right after one, else -1. */
function trailingCommaBefore(body: string, error: ParseError): number {
  if (error.error !== ParseErrorCode.PropertyNameExpected && error.error !== ParseErrorCode.ValueExpected) return -1;
  const closer = body[error.offset];
  if (closer !== '}' && closer !== ']') return -1;
  let i = error.offset - 1;
  while (i >= 0 && isWhitespaceCode(body.charCodeAt(i))) i--;
  return body[i] === ',' ? i : -1;
}

function lastNonBlank(body: string): number {
  let i = body.length - 1;
  while (i > 0 && isWhitespaceCode(body.charCodeAt(i))) i--;
  return i;
}

function fallbackProblem(body: string, line: number, shift: number, parseError: unknown, note = ''): Problem {
  const reason = messageOf(parseError) + note;
  const position = /position (\d+)/.exec(reason)?.[1];
  const at = position === undefined ? -1 : Math.min(Number(position), body.length);
  if (at === -1) return problem('ft.json-syntax', `Invalid JSON: ${reason}`, line, 0, shift + body.length);
  return problem('ft.json-syntax', `Invalid JSON: ${reason}`, line, shift + at, shift + Math.min(at + 1, body.length));
}

function problem(
  code: 'ft.json-syntax' | 'ft.trailing-comma',
  message: string,
  line: number,
  start: number,
  end: number,
): Problem {
  return newProblem(code, message, lineRange(line, start, end));
}
