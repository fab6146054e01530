import type { DiagnosticCode } from './codes';

/** A location inside a parsed line: object keys and array indexes from the root, as jsonc-parser's `JSONPath`. */
export type JsonPath = readonly (string | number)[];

/**
 * Which part of the node at a path a finding points at: its `value`, the `key` naming it (for "remove/rename this
 * key"), or the whole `line` (for something missing).
 */
export type Target = 'value' | 'key' | 'line';

/** A problem found on a parsed value, before it is located in the text. */
export interface Finding {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly path: JsonPath;
  readonly target: Target;
}

/**
 * Collects findings while checks walk a parsed value. Checks build paths only when they report, so the happy path
 * allocates nothing here; locating findings in the text is left to the caller, once per line.
 */
export class Findings {
  readonly list: Finding[] = [];

  add(code: DiagnosticCode, message: string, path: JsonPath, target: Target = 'value'): void {
    this.list.push({ code, message, path, target });
  }
}

/** Quotes a key or value for a message, shortened so a huge value cannot flood the output. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(short);
}
