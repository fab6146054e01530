import type { HeightIndex } from './heightIndex';

/**
 * The pure geometry of the virtual list: how the scroll position maps to the content, which rows a frame shows and
 * where they go. The scroller's own height stays under MAX_VIRTUAL_HEIGHT (Chromium cannot size an element past
 * ~33 M px); a taller content scrolls through a scaled mapping, while the rows themselves are drawn at their real
 * height around the row at the top of the viewport (the anchor).
 */
export const MAX_VIRTUAL_HEIGHT = 10_000_000;

/** The scroller's height and how far the content moves per scrolled pixel. */
export interface ScrollMapping {
  readonly virtualHeight: number;
  readonly ratio: number;
}

/** The row at the top of the viewport, and how far the viewport's top is below that row's top. */
export interface Anchor {
  readonly row: number;
  readonly within: number;
}

/** The rows a frame shows, and where the first one's top is relative to the viewport's top (≤ 0 when scrolled). */
export interface RowWindow {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly top: number;
}

export function scrollMapping(total: number, viewportHeight: number): ScrollMapping {
  if (total <= MAX_VIRTUAL_HEIGHT) return { virtualHeight: total, ratio: 1 };
  // Both ends meet: scrollTop 0 is content 0, and the greatest scrollTop shows the content's last viewport.
  const scrollRange = MAX_VIRTUAL_HEIGHT - viewportHeight;
  const contentRange = total - viewportHeight;
  return { virtualHeight: MAX_VIRTUAL_HEIGHT, ratio: scrollRange > 0 ? contentRange / scrollRange : 1 };
}

export function contentOffsetAt(scrollTop: number, mapping: ScrollMapping): number {
  return scrollTop * mapping.ratio;
}

export function scrollTopFor(contentOffset: number, mapping: ScrollMapping): number {
  return contentOffset / mapping.ratio;
}

/** The anchor at a content offset (clamped to the content). */
export function anchorAt(heights: HeightIndex, contentOffset: number): Anchor {
  if (heights.count === 0) return { row: 0, within: 0 };
  const offset = Math.max(0, Math.min(contentOffset, heights.total));
  const row = heights.rowAt(offset);
  return { row, within: Math.max(0, offset - heights.offsetOf(row)) };
}

/** Where the anchor is in the content. */
export function anchorOffset(heights: HeightIndex, anchor: Anchor): number {
  return heights.offsetOf(anchor.row) + anchor.within;
}

/**
 * The anchor that keeps a row wholly in view with the least movement: unchanged when it is, else the row at the top
 * (when it is above, or taller than the viewport) or at the bottom.
 */
export function anchorToReveal(heights: HeightIndex, current: Anchor, row: number, viewportHeight: number): Anchor {
  const top = heights.offsetOf(row);
  const bottom = top + heights.heightOf(row);
  const viewTop = anchorOffset(heights, current);
  if (top >= viewTop && bottom <= viewTop + viewportHeight) return current;
  if (top < viewTop || bottom - top >= viewportHeight) return { row, within: 0 };
  return anchorAt(heights, bottom - viewportHeight);
}

/** The rows covering the viewport from the anchor, plus `overscan` pixels above and below. */
export function windowAt(heights: HeightIndex, anchor: Anchor, viewportHeight: number, overscan: number): RowWindow {
  if (heights.count === 0) return { start: 0, end: 0, top: 0 };
  const row = Math.min(anchor.row, heights.count - 1);
  let start = row;
  let top = 0 - anchor.within;
  while (start > 0 && top > -overscan) {
    start--;
    top -= heights.heightOf(start);
  }
  let end = row;
  let bottom = -anchor.within;
  while (end < heights.count && bottom < viewportHeight + overscan) {
    bottom += heights.heightOf(end);
    end++;
  }
  return { start, end, top };
}
