/** Lines `start` (inclusive) to `end` (exclusive), zero-based. */
export interface LineWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * The lines to look at around what editors show: each visible range widened by `margin` lines on both sides, kept
 * inside the document, sorted and with overlapping or touching windows merged.
 */
export function windowsAround(visible: readonly LineWindow[], lineCount: number, margin: number): LineWindow[] {
  const widened = visible
    .map((range) => ({ start: Math.max(0, range.start - margin), end: Math.min(lineCount, range.end + margin) }))
    .filter((range) => range.start < range.end)
    .sort((a, b) => a.start - b.start);
  const merged: LineWindow[] = [];
  for (const range of widened) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push(range);
  }
  return merged;
}

/**
 * True when every visible range lies inside one of `windows` with at least `guard` lines to spare on each side
 * (the document's first and last line need none): scrolling has not yet come near lines without lenses.
 */
export function coversVisible(
  windows: readonly LineWindow[],
  visible: readonly LineWindow[],
  lineCount: number,
  guard: number,
): boolean {
  return visible.every((range) =>
    windows.some(
      (window) =>
        (window.start === 0 || range.start >= window.start + guard) &&
        (window.end >= lineCount || range.end <= window.end - guard),
    ),
  );
}
