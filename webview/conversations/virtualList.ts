import { HeightIndex } from './heightIndex';
import {
  anchorAt,
  anchorOffset,
  anchorToReveal,
  contentOffsetAt,
  scrollMapping,
  scrollTopFor,
  windowAt,
  type Anchor,
  type ScrollMapping,
} from './virtualLayout';

/** What the list shows at each position. */
export interface ListItems {
  /**
   * The element of the item at a position: its card (`measurable`), or a placeholder of the given height while its row
   * loads. `cheap` asks for the placeholder whenever building the card would cost time (the frame is over budget).
   */
  item(position: number, placeholderHeight: number, cheap: boolean): { element: HTMLElement; measurable: boolean };
  /** The positions drawn, after each frame (rows to fetch, what to save). */
  shown(first: number, last: number, anchor: Anchor): void;
}

export interface VirtualListOptions {
  /** The height of a row never measured, until some are. */
  readonly estimate?: number;
  /** Pixels drawn beyond the viewport on each side. */
  readonly overscan?: number;
  /** Milliseconds of card building per frame; past it, the rest of the frame draws placeholders. */
  readonly frameBudget?: number;
  readonly now?: () => number;
  readonly requestFrame?: (callback: () => void) => void;
  /** An element's height; offsetHeight by default (tests have no layout). */
  readonly measure?: (element: HTMLElement) => number;
  readonly viewportHeight?: () => number;
}

const MIN_ESTIMATE = 48;

/**
 * A scroller of variable-height rows that draws only what is in view. The anchor (the row at the viewport's top and
 * the offset into it) is the truth; the scroll position is derived from it. Each frame builds the visible rows, reads
 * their heights (one layout), records them, and then positions everything so the anchored row stays exactly where it
 * was even when the rows above it turned out taller or shorter than estimated.
 */
export class VirtualList {
  readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsElement: HTMLElement;
  private heights: HeightIndex;
  private anchor: Anchor = { row: 0, within: 0 };
  private mapping: ScrollMapping = { virtualHeight: 0, ratio: 1 };
  private frameRequested = false;
  /** The number of measured rows the estimate was last taken from. */
  private estimatedFrom = 0;
  /** The scrollTop the list last set itself: its scroll event is not the user's. */
  private ownScrollTop: number | undefined;
  private readonly overscan: number;
  private readonly frameBudget: number;
  private readonly now: () => number;
  private readonly requestFrame: (callback: () => void) => void;
  private readonly measure: (element: HTMLElement) => number;
  private readonly viewportHeight: () => number;

  constructor(
    document: Document,
    private readonly items: ListItems,
    options: VirtualListOptions = {},
  ) {
    this.overscan = options.overscan ?? 400;
    this.frameBudget = options.frameBudget ?? 12;
    this.now = options.now ?? (() => performance.now());
    this.requestFrame = options.requestFrame ?? ((callback) => void requestAnimationFrame(callback));
    this.measure = options.measure ?? ((node) => node.offsetHeight);
    this.viewportHeight = options.viewportHeight ?? (() => this.scroller.clientHeight);
    this.heights = new HeightIndex(0, options.estimate ?? 240);
    this.scroller = document.createElement('div');
    this.scroller.className = 'list-scroller';
    this.spacer = document.createElement('div');
    this.spacer.className = 'list-spacer';
    this.rowsElement = document.createElement('div');
    this.rowsElement.className = 'list-rows';
    this.rowsElement.setAttribute('role', 'list');
    this.rowsElement.setAttribute('aria-label', 'Examples');
    this.spacer.append(this.rowsElement);
    this.scroller.append(this.spacer);
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // A card that grows by itself (details opened, an image decoded) or a resized panel: measure and place again.
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver(() => this.refresh());
      observer.observe(this.scroller);
      observer.observe(this.rowsElement);
    }
  }

  get count(): number {
    return this.heights.count;
  }

  get currentAnchor(): Anchor {
    return this.anchor;
  }

  /** The heights, for tests and for the page's estimates. */
  get rowHeights(): HeightIndex {
    return this.heights;
  }

  /**
   * Sets the number of rows. `forget` drops every measured height (another filter: the positions are other examples);
   * otherwise the heights of the rows that stay are kept (the same filter, scanned further or edited).
   */
  setCount(count: number, forget: boolean): void {
    if (forget) {
      this.heights = new HeightIndex(count, this.heights.estimate);
      this.estimatedFrom = 0;
    } else if (count !== this.heights.count) this.heights.resize(count);
    this.anchor = clampAnchor(this.anchor, count);
    this.refresh();
  }

  /** Puts a row at the top of the viewport. */
  scrollToRow(row: number, within = 0): void {
    this.anchor = clampAnchor({ row, within }, this.heights.count);
    this.refresh();
  }

  /** Scrolls as little as needed to show a row whole. */
  reveal(row: number): void {
    if (row < 0 || row >= this.heights.count) return;
    this.anchor = anchorToReveal(this.heights, this.anchor, row, this.viewportHeight());
    this.refresh();
  }

  /** Draws in the next frame (once, however often asked). */
  refresh(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }

  /** Draws now. */
  render(): void {
    const count = this.heights.count;
    const viewport = this.viewportHeight();
    if (count === 0) {
      this.rowsElement.replaceChildren();
      this.setScroll({ virtualHeight: 0, ratio: 1 }, 0, viewport);
      this.items.shown(0, -1, this.anchor);
      return;
    }
    const range = windowAt(this.heights, this.anchor, viewport, this.overscan);
    const started = this.now();
    const nodes: HTMLElement[] = [];
    const measurable: boolean[] = [];
    let cut = false;
    for (let row = range.start; row < range.end; row++) {
      const cheap = this.now() - started > this.frameBudget;
      const { element, measurable: real } = this.items.item(row, this.heights.heightOf(row), cheap);
      if (!real && cheap) cut = true;
      nodes.push(element);
      measurable.push(real);
    }
    patchChildren(this.rowsElement, nodes);
    // Read every height first (one layout), then write.
    const measured = nodes.map((node, i) => (measurable[i] ? this.measure(node) : 0));
    let changed = false;
    measured.forEach((height, i) => {
      if (height > 0 && this.heights.set(range.start + i, height)) changed = true;
    });
    // The estimate follows the measured mean, but only each time the sample doubles: every change moves the offset of
    // every unmeasured row, so changing it on each frame would keep pulling the scrollbar from under a drag.
    if (this.heights.measuredRows >= Math.max(1, this.estimatedFrom * 2)) {
      this.estimatedFrom = this.heights.measuredRows;
      this.heights.estimate = Math.max(MIN_ESTIMATE, Math.round(this.heights.measuredMean ?? this.heights.estimate));
    }
    this.position(range.start, viewport);
    this.items.shown(range.start, range.end - 1, this.anchor);
    // Rows came out shorter than estimated and leave a gap, or the budget ran out: another frame fills it in.
    const covered = this.heights.offsetOf(range.end) - anchorOffset(this.heights, this.anchor);
    if (cut || (changed && covered < viewport + this.overscan && range.end < count)) this.refresh();
  }

  /** Sizes the spacer, sets the scroll position for the anchor, and moves the drawn rows under it. */
  private position(start: number, viewport: number): void {
    const total = this.heights.total;
    const mapping = scrollMapping(total, viewport);
    // Past the end once rows were measured shorter, or inside the next row once the anchored one shrank: the same
    // content offset, re-anchored, with the last viewport as far as it goes.
    let contentTop = anchorOffset(this.heights, this.anchor);
    const last = Math.max(0, total - viewport);
    if (contentTop > last || this.anchor.within >= this.heights.heightOf(this.anchor.row)) {
      contentTop = Math.min(contentTop, last);
      this.anchor = anchorAt(this.heights, contentTop);
    }
    const scrollTop = this.setScroll(mapping, scrollTopFor(contentTop, mapping), viewport);
    const above = contentTop - this.heights.offsetOf(start);
    this.rowsElement.style.transform = `translateY(${Math.round(scrollTop - above)}px)`;
  }

  /**
   * Sizes the spacer and scrolls to `scrollTop` unless already there; returns the scroll position in effect. The
   * current position is read before anything is written (the layout is still clean from measuring), so a frame that
   * needs no correction costs no second layout.
   */
  private setScroll(mapping: ScrollMapping, scrollTop: number, viewport: number): number {
    const current = this.scroller.scrollTop;
    if (mapping.virtualHeight !== this.mapping.virtualHeight)
      this.spacer.style.height = `${Math.ceil(mapping.virtualHeight)}px`;
    this.mapping = mapping;
    if (Math.abs(current - scrollTop) < 1) return current;
    // What the browser clamps it to; reading it back would cost a layout.
    const next = Math.max(0, Math.min(scrollTop, mapping.virtualHeight - viewport));
    this.scroller.scrollTop = next;
    this.ownScrollTop = next;
    return next;
  }

  private onScroll(): void {
    const scrollTop = this.scroller.scrollTop;
    if (this.ownScrollTop !== undefined && Math.abs(scrollTop - this.ownScrollTop) < 1) {
      this.ownScrollTop = undefined;
      return;
    }
    this.ownScrollTop = undefined;
    this.anchor = anchorAt(this.heights, contentOffsetAt(scrollTop, this.mapping));
    this.refresh();
  }
}

function clampAnchor(anchor: Anchor, count: number): Anchor {
  if (count === 0) return { row: 0, within: 0 };
  return anchor.row < count ? anchor : { row: count - 1, within: 0 };
}

/** Makes a container's children exactly `nodes`, moving only what changed (kept cards keep their DOM and focus). */
function patchChildren(container: HTMLElement, nodes: readonly HTMLElement[]): void {
  const keep = new Set<Element>(nodes);
  for (const child of [...container.children]) if (!keep.has(child)) child.remove();
  // What is left is in order (a window moves, it does not shuffle): only new nodes are inserted.
  let current = container.firstElementChild;
  for (const node of nodes) {
    if (current === node) current = current.nextElementSibling;
    else container.insertBefore(node, current);
  }
}
