import { ROWS_PAGE_SIZE, type ConversationRow } from '../../src/protocol/conversations';

/** Rows per `rows` request. */
export const PAGE_SIZE = ROWS_PAGE_SIZE;
/** Pages kept: a scroll through 100,000 examples must not end up holding all of them. */
export const MAX_PAGES = 50;

/** Asks the host for rows; rejects when aborted. */
export type FetchRows = (
  start: number,
  count: number,
  signal: AbortSignal,
) => Promise<{ version: number; rows: readonly ConversationRow[] }>;

interface Page {
  readonly version: number;
  readonly rows: readonly ConversationRow[];
}

/** A row and the document version it was built from. */
export interface CachedRow {
  readonly row: ConversationRow;
  readonly version: number;
  /** From an older version or filter: shown until its fresh page arrives, but not acted on. */
  readonly stale: boolean;
}

/**
 * The rows of the filtered list the page has, by position, fetched from the host a page at a time around what is
 * shown. Rows belong to one document version and one filter; `reset` keeps the old pages only as a stale fallback to
 * draw while the fresh ones load (so an edit does not flash the cards to placeholders), and aborts what is in flight.
 */
export class RowCache {
  private version = -1;
  private matches = 0;
  private pages = new Map<number, Page>();
  private stalePages = new Map<number, Page>();
  private loading = new Map<number, AbortController>();
  /** The pages last wanted: eviction keeps those nearest to them. */
  private wanted = { from: 0, to: 0 };

  constructor(
    private readonly fetch: FetchRows,
    /** Called when rows arrived (the list draws them). */
    private readonly loaded: (rows: readonly ConversationRow[]) => void,
    /** Called when a request failed (not when it was aborted). */
    private readonly failed: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * The document version and match count rows must now come from. `grown`: the same version's filter scan found more
   * matches; the positions already found keep their examples, so the pages held stay (only a short last page is asked
   * again) and nothing in flight is aborted. A scan reports progress often: dropping everything each time would leave
   * the list without rows until it ends.
   */
  reset(version: number, matches: number, grown = false): void {
    if (version === this.version && matches === this.matches) return;
    if (grown && version === this.version && matches >= this.matches) {
      this.matches = matches;
      return;
    }
    this.version = version;
    this.matches = matches;
    for (const [index, page] of this.pages) this.stalePages.set(index, page);
    this.pages = new Map();
    for (const controller of this.loading.values()) controller.abort();
    this.loading.clear();
  }

  /** The page ranges (as `rows` requests ask for them) covering positions first … last, at most four. */
  pagesCovering(first: number, last: number): { start: number; count: number }[] {
    const ranges: { start: number; count: number }[] = [];
    if (this.matches === 0 || last < first) return ranges;
    const from = Math.max(0, Math.floor(first / PAGE_SIZE));
    const to = Math.min(Math.floor(Math.min(last, this.matches - 1) / PAGE_SIZE), from + 3);
    for (let index = from; index <= to; index++) {
      const start = index * PAGE_SIZE;
      ranges.push({ start, count: Math.min(PAGE_SIZE, this.matches - start) });
    }
    return ranges;
  }

  /**
   * Takes a page the host sent unasked with the state of `version` (after an edit of the view's): held as if fetched,
   * so `want` does not ask for it. A page of another version, or not starting on a page boundary, is ignored.
   */
  put(start: number, version: number, rows: readonly ConversationRow[]): boolean {
    if (version !== this.version || start % PAGE_SIZE !== 0 || start < 0 || start >= this.matches) return false;
    const index = start / PAGE_SIZE;
    this.loading.get(index)?.abort();
    this.loading.delete(index);
    this.pages.set(index, { version, rows });
    this.stalePages.delete(index);
    return true;
  }

  /** Forgets the stale pages too (after a filter change, their positions mean other examples). */
  dropStale(): void {
    this.stalePages.clear();
  }

  get currentVersion(): number {
    return this.version;
  }

  row(position: number): CachedRow | undefined {
    if (position < 0 || position >= this.matches) return undefined;
    const index = Math.floor(position / PAGE_SIZE);
    const fresh = this.pages.get(index);
    const stale = this.stalePages.get(index);
    const offset = position - index * PAGE_SIZE;
    const page = fresh && offset < fresh.rows.length ? fresh : stale;
    const row = page?.rows[offset];
    return page && row ? { row, version: page.version, stale: page !== fresh } : undefined;
  }

  /** Every fresh row held (for the codes and roles the toolbar suggests). */
  *rows(): Iterable<ConversationRow> {
    for (const page of this.pages.values()) yield* page.rows;
  }

  /**
   * Fetches the pages covering positions first … last that are neither held nor loading, and aborts loads of pages
   * no longer near them (a fast scroll leaves many behind).
   */
  want(first: number, last: number): void {
    if (this.matches === 0) return;
    const from = Math.max(0, Math.floor(first / PAGE_SIZE));
    const to = Math.floor(Math.min(last, this.matches - 1) / PAGE_SIZE);
    for (const [index, controller] of this.loading)
      if (index < from - 1 || index > to + 1) {
        controller.abort();
        this.loading.delete(index);
      }
    for (let index = from; index <= to; index++)
      if (!this.complete(index) && !this.loading.has(index)) this.load(index);
    this.wanted = { from, to };
    evictFarthest(this.stalePages, from, to);
  }

  /** Whether a page holds every row it should (a page fetched before a scan found more is short). */
  private complete(index: number): boolean {
    const page = this.pages.get(index);
    return page !== undefined && page.rows.length >= Math.min(PAGE_SIZE, this.matches - index * PAGE_SIZE);
  }

  private load(index: number): void {
    const controller = new AbortController();
    this.loading.set(index, controller);
    const version = this.version;
    const start = index * PAGE_SIZE;
    this.fetch(start, Math.min(PAGE_SIZE, this.matches - start), controller.signal).then(
      (result) => {
        if (this.loading.get(index) !== controller) return;
        this.loading.delete(index);
        // Built from another version: the `info` of that version resets the cache and the rows are asked again.
        if (result.version !== version) return;
        this.pages.set(index, { version, rows: result.rows });
        this.stalePages.delete(index);
        evictFarthest(this.pages, this.wanted.from, this.wanted.to);
        this.loaded(result.rows);
      },
      (error: unknown) => {
        if (this.loading.get(index) === controller) this.loading.delete(index);
        if (!controller.signal.aborted) this.failed(error);
      },
    );
  }
}

/** Drops the pages farthest from first … last until at most MAX_PAGES are left. */
function evictFarthest(pages: Map<number, Page>, first: number, last: number): void {
  if (pages.size <= MAX_PAGES) return;
  const distance = (index: number) => (index < first ? first - index : index > last ? index - last : 0);
  const byDistance = [...pages.keys()].sort((a, b) => distance(b) - distance(a));
  for (const index of byDistance.slice(0, pages.size - MAX_PAGES)) pages.delete(index);
}
