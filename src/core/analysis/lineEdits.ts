/** One text change expressed in lines: lines `startLine..endLine` (inclusive) were replaced by `newLineCount` lines. */
export interface LineChange {
  readonly startLine: number;
  readonly endLine: number;
  readonly newLineCount: number;
}

/**
 * Applies line changes to a per-line cache in place: replaced lines become `undefined` (to be recomputed) and the
 * lines after them shift, so untouched lines keep their cached values. Changes are applied in the order given, each
 * in the coordinates left by the previous one (as VS Code reports `contentChanges`, sorted from the end).
 * `onDropped` receives every cached value that an edit invalidated.
 */
export function applyLineChanges<T>(
  cache: (T | undefined)[],
  changes: readonly LineChange[],
  onDropped?: (value: T) => void,
): void {
  for (const change of changes) {
    const removed = change.endLine - change.startLine + 1;
    if (onDropped) {
      for (let i = change.startLine; i <= change.endLine && i < cache.length; i++) {
        const value = cache[i];
        if (value !== undefined) onDropped(value);
      }
    }
    const replacement = new Array<T | undefined>(change.newLineCount).fill(undefined);
    if (replacement.length === removed) {
      for (let i = 0; i < removed; i++) cache[change.startLine + i] = undefined;
    } else {
      cache.splice(change.startLine, removed, ...replacement);
    }
  }
}

/** Counts the line breaks in an inserted text (`\r\n` counts once). */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
