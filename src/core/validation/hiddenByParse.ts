import { parseTree, type Node } from 'jsonc-parser';
import { lineRange, type Problem } from '../problem';
import { quote } from './findings';
import { closingQuote } from './jsonStructure';
import { newProblem } from './newProblem';

// Problems JSON.parse hides: it keeps the last of repeated keys and accepts unpaired surrogate escapes. Both are
// found in the text of lines already known to be valid JSON and no deeper than MAX_NESTING_DEPTH; the callers run
// these only when a cheap test says there is something to find.

/** A `\uD800`-`\uDFFF` escape. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** `String.prototype.isWellFormed` (ES2024, in Node 20), which the ES2022 library types do not declare yet. */
type MaybeWellFormed = string & { isWellFormed(): boolean };

/**
 * True when `body` may hold an unpaired surrogate; false means it certainly does not. `raw`: whether it may hold one
 * unescaped (not in text decoded from UTF-8). Runs on every valid line: the native well-formedness test is cheap,
 * where a `\p{Cs}` regex over every line with emoji doubled the single-thread time of Validate File.
 */
export function mayHoldLoneSurrogate(body: string, raw = true): boolean {
  return (body.includes('\\u') && SURROGATE_ESCAPE.test(body)) || (raw && !(body as MaybeWellFormed).isWellFormed());
}

/** A warning at every key that repeats an earlier key of the same object (the API keeps only the last value). */
export function duplicateKeyProblems(body: string, line: number, shift: number): Problem[] {
  const root = parseTree(body, [], { allowTrailingComma: false, disallowComments: true });
  const problems: Problem[] = [];
  const pending: Node[] = root === undefined ? [] : [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const seen = node.type === 'object' ? new Set<unknown>() : undefined;
    for (const child of node.children ?? []) {
      const key = child.type === 'property' ? child.children?.[0] : undefined;
      if (seen !== undefined && key !== undefined) {
        if (seen.has(key.value)) {
          const message = `Duplicate key ${quote(key.value)} in this object: the API silently keeps only the last value`;
          const start = shift + key.offset;
          problems.push(newProblem('ft.duplicate-key', message, lineRange(line, start, start + key.length)));
        }
        seen.add(key.value);
      }
      pending.push(child);
    }
  }
  return problems.sort((a, b) => a.range.start.character - b.range.start.character);
}

/** An error at every unpaired surrogate, escaped (`"\ud800"`) or raw, at the exact characters. */
export function loneSurrogateProblems(body: string, line: number, shift: number): Problem[] {
  const problems: Problem[] = [];
  const report = (from: number, to: number, unit: number): void => {
    const shown = `\\u${unit.toString(16).padStart(4, '0')}`;
    const message = `Unpaired surrogate ${shown}: half of a UTF-16 pair is not a character, and UTF-8 cannot encode it`;
    problems.push(newProblem('ft.lone-surrogate', message, lineRange(line, shift + from, shift + to)));
  };
  for (let open = body.indexOf('"'); open !== -1;) {
    const close = closingQuote(body, open);
    if (close === -1) break;
    // The previous code unit of this string, if it is a high surrogate still waiting for its low half.
    let high: { unit: number; from: number; to: number } | undefined;
    for (let i = open + 1; i < close;) {
      let unit = body.charCodeAt(i);
      let to = i + 1;
      if (unit === 0x5c) {
        to = i + 2;
        if (body.charCodeAt(i + 1) === 0x75) {
          unit = parseInt(body.slice(i + 2, i + 6), 16);
          to = i + 6;
        } else unit = 0;
      }
      const isHigh = unit >= 0xd800 && unit <= 0xdbff;
      const isLow = unit >= 0xdc00 && unit <= 0xdfff;
      if (high !== undefined && !isLow) report(high.from, high.to, high.unit);
      if (isLow && high === undefined) report(i, to, unit);
      high = isHigh ? { unit, from: i, to } : undefined;
      i = to;
    }
    if (high !== undefined) report(high.from, high.to, high.unit);
    open = body.indexOf('"', close + 1);
  }
  return problems;
}
