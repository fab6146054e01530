import { isWhitespaceCode } from './whitespace';

/**
 * Objects and arrays nested deeper than this make a line invalid for the studio. Every later step (checks, locating
 * problems with jsonc-parser, token counting through JSON.stringify, hashing) may then recurse safely; real
 * examples nest a few dozen levels at most.
 */
export const MAX_NESTING_DEPTH = 500;

/**
 * The number of object members in a parsed JSON value, or -1 when objects and arrays nest deeper than
 * {@link MAX_NESTING_DEPTH}. Iterative, so any nesting JSON.parse accepted is measured without recursion.
 * Compared with {@link countKeysInText} it reveals duplicate keys, which JSON.parse drops silently.
 */
export function countMembers(root: unknown): number {
  if (typeof root !== 'object' || root === null) return 0;
  const containers: object[] = [root];
  const depths: number[] = [1];
  let members = 0;
  let top = 1;
  while (top > 0) {
    const value = containers[--top]!;
    const depth = depths[top]!;
    if (depth > MAX_NESTING_DEPTH) return -1;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        containers[top] = item;
        depths[top++] = depth + 1;
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    for (const key in object) {
      members++;
      const item = object[key];
      if (typeof item !== 'object' || item === null) continue;
      containers[top] = item;
      depths[top++] = depth + 1;
    }
  }
  return members;
}

/**
 * The number of object keys written in `body`, valid JSON text: strings followed by a colon. Jumps from quote to
 * quote, so it costs little next to JSON.parse.
 */
export function countKeysInText(body: string): number {
  let keys = 0;
  let open = body.indexOf('"');
  while (open !== -1) {
    const close = closingQuote(body, open);
    if (close === -1) return keys;
    let next = close + 1;
    while (isWhitespaceCode(body.charCodeAt(next))) next++;
    if (body.charCodeAt(next) === 0x3a) keys++;
    open = body.indexOf('"', next);
  }
  return keys;
}

/** The index of the quote closing the string that opens at `open`, or -1. */
export function closingQuote(body: string, open: number): number {
  let close = body.indexOf('"', open + 1);
  while (close !== -1 && isEscaped(body, close)) close = body.indexOf('"', close + 1);
  return close;
}

function isEscaped(body: string, at: number): boolean {
  let backslashes = 0;
  while (body.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * True when brackets and braces in `body` (any text, valid JSON or not) nest deeper than {@link MAX_NESTING_DEPTH}
 * outside strings. For invalid lines, before handing them to a recursive parser.
 */
export function nestsTooDeep(body: string): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x22) {
      const close = closingQuote(body, i);
      if (close === -1) return false;
      i = close;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
