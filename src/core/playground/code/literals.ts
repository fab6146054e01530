/**
 * Literals of the three languages View code writes, for any JSON value and any text: prompts, stop sequences and
 * model ids come from the user and may hold quotes, backslashes, line breaks, `$`, backticks, NUL or lone
 * surrogates. Every literal reads back as exactly the text it was made from.
 */

/** A JSON value, as the SDK sends a request body (JSON.parse of JSON.stringify). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Characters that are legal inside a string literal but that an editor shows as nothing, or that reorder or break
 * lines (bidi overrides, U+2028, C1 controls), and lone surrogates: written as escapes so the code shows what is sent.
 * (JSON.stringify has already escaped C0 controls and lone surrogates in string literals.)
 */
const HIDDEN = /[\p{C}\p{Zl}\p{Zp}]/gu;

/** A TypeScript (and JavaScript) string literal. */
export function typescriptString(text: string): string {
  return JSON.stringify(text).replace(HIDDEN, codeUnitEscapes);
}

/** A Python string literal: JSON's escapes are Python's, except that a code point above U+FFFF is `\UXXXXXXXX`. */
export function pythonString(text: string): string {
  return JSON.stringify(text).replace(HIDDEN, (character) => {
    const codePoint = character.codePointAt(0) ?? 0;
    return codePoint > 0xffff ? `\\U${hex(codePoint, 8)}` : `\\u${hex(codePoint, 4)}`;
  });
}

/** JSON text with hidden characters escaped too (JSON's `\uXXXX`, a surrogate pair above U+FFFF). */
export function visibleJson(value: JsonValue, indent?: number): string {
  // A raw line feed in JSON.stringify's output is indentation: inside strings it is already `\n`.
  return JSON.stringify(value, null, indent).replace(HIDDEN, (character) =>
    character === '\n' ? character : codeUnitEscapes(character),
  );
}

/**
 * A single-quoted POSIX shell word: nothing inside is expanded (`$`, backticks, `\`, `!` are plain), and each `'`
 * becomes `'\''` (end the quote, an escaped quote, start again). A shell word cannot hold NUL: callers pass text
 * without control characters (JSON from {@link visibleJson}, URLs).
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** Text for a one-line comment: anything that could end the line or hide text becomes a space. */
export function commentText(text: string): string {
  return text.replace(HIDDEN, ' ');
}

function codeUnitEscapes(character: string): string {
  let escaped = '';
  for (let index = 0; index < character.length; index++) escaped += `\\u${hex(character.charCodeAt(index), 4)}`;
  return escaped;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** How one language writes objects, arrays and constants. */
export interface LiteralSyntax {
  string(text: string): string;
  /** An object key: TypeScript leaves identifiers bare, Python quotes every key. */
  key(name: string): string;
  readonly true: string;
  readonly false: string;
  readonly null: string;
  /** One level of indentation. */
  readonly indent: string;
  /** Spaces inside the braces of an object written on one line: TypeScript `{ a: 1 }`, Python `{"a": 1}`. */
  readonly braceSpace: string;
}

export const TYPESCRIPT_SYNTAX: LiteralSyntax = {
  string: typescriptString,
  key: (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : typescriptString(name)),
  true: 'true',
  false: 'false',
  null: 'null',
  indent: '  ',
  braceSpace: ' ',
};

export const PYTHON_SYNTAX: LiteralSyntax = {
  string: pythonString,
  key: pythonString,
  true: 'True',
  false: 'False',
  null: 'None',
  indent: '    ',
  braceSpace: '',
};

/**
 * A JSON value as a literal, indented as if it started at `depth` levels. Objects and arrays that hold only plain
 * values go on one line (a message, the stop list); the others put one item per line, with trailing commas.
 */
export function literal(value: JsonValue, syntax: LiteralSyntax, depth = 0): string {
  if (value === null) return syntax.null;
  if (typeof value === 'boolean') return value ? syntax.true : syntax.false;
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return syntax.string(value);
  const entries = Array.isArray(value)
    ? value.map((item) => ({ key: undefined, item }))
    : Object.entries(value).map(([key, item]) => ({ key, item }));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const written = (key: string | undefined, item: JsonValue, itemDepth: number) =>
    (key === undefined ? '' : `${syntax.key(key)}: `) + literal(item, syntax, itemDepth);
  if (entries.every(({ item }) => item === null || typeof item !== 'object')) {
    const inside = entries.map(({ key, item }) => written(key, item, depth)).join(', ');
    const space = Array.isArray(value) ? '' : syntax.braceSpace;
    return `${open}${space}${inside}${space}${close}`;
  }
  const indent = syntax.indent.repeat(depth + 1);
  const lines = entries.map(({ key, item }) => `${indent}${written(key, item, depth + 1)},`);
  return [open, ...lines, syntax.indent.repeat(depth) + close].join('\n');
}
