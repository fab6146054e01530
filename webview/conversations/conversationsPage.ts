// The Conversations view's page: the toolbar, the read-only banner and the virtual list of example cards, wired to
// the host. The host owns the document and the filter; this page asks for the rows it shows, a page at a time, and
// sends every edit as one request that names the document version it was made against.
import type {
  ConversationRow,
  ConversationsHostEvents,
  ConversationsInfo,
  ConversationsRequests,
  ExampleAction,
  ExampleEdit,
  ExampleFilter,
  MatchesTarget,
} from '../../src/protocol/conversations';
import type { JsonPath } from '../../src/core/conversations/exampleView';
import { messageOf } from '../../src/core/errors/messageOf';
import type { HostClient } from '../shared/hostClient';
import { element, formatCount } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { handleRenderedActions } from '../shared/markdown/renderedActions';
import type { CardActions, TextEditing } from './cardContext';
import { cardView, placeholderView } from './cardView';
import { PAGE_SIZE, RowCache, type CachedRow } from './rowCache';
import { Toolbar } from './toolbar';
import type { Anchor } from './virtualLayout';
import { VirtualList, type VirtualListOptions } from './virtualList';
import type { ViewState } from './viewState';

export type ConversationsHost = HostClient<ConversationsRequests, ConversationsHostEvents>;

export interface PageOptions {
  readonly host: ConversationsHost;
  /** The element the page fills. */
  readonly root: HTMLElement;
  readonly renderer: MarkdownRenderer;
  readonly state: ViewState;
  /** Saves the view state (coalesced by the page). */
  persist(state: ViewState): void;
  /** Where keys are listened to (the document). */
  readonly keys: Pick<Document, 'addEventListener'>;
  readonly list?: VirtualListOptions;
  readonly debounceMs?: number;
}

/** How long the view state waits for scrolling to pause before it is saved. */
const PERSIST_DELAY_MS = 300;
/** Rows fetched beyond the drawn ones on each side, so a slow scroll finds them ready. */
const PREFETCH = PAGE_SIZE / 2;
/** Cards kept built beyond the drawn ones, so scrolling back does not build them again. */
const CARD_KEEP = 60;

interface CardEntry {
  /** The row the card shows; undefined for a placeholder. */
  readonly row: ConversationRow | undefined;
  readonly element: HTMLElement;
}

/** The selected example: its position, and its line once known (the selection follows the line). */
interface Selection {
  readonly position: number;
  readonly line: number | undefined;
}

export class ConversationsPage {
  private readonly host: ConversationsHost;
  private readonly renderer: MarkdownRenderer;
  private readonly toolbar: Toolbar;
  private readonly banner: HTMLElement;
  /** Says why the list is empty: no examples, none matching, or none found yet. */
  private readonly empty: HTMLElement;
  private readonly list: VirtualList;
  private readonly cache: RowCache;
  private readonly cards = new Map<number, CardEntry>();
  private info: ConversationsInfo | undefined;
  private selection: Selection | undefined;
  private editing: TextEditing | undefined;
  /** Failed edits and actions, by line, shown on their card until the next try. */
  private readonly errors = new Map<number, string>();
  private readonly expanded = new Set<string>();
  private plain: boolean;
  private firstLine: number;
  private filterRequest = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** The editor's textarea had focus when its card was built again: focus goes to the new one once attached. */
  private refocus: HTMLTextAreaElement | undefined;
  /** The positions the last frame drew. */
  private drawn = { first: 0, last: -1 };
  /** Settles when the host's first state has arrived. */
  private readonly firstInfo: Promise<void>;

  constructor(private readonly options: PageOptions) {
    this.host = options.host;
    this.renderer = options.renderer;
    this.plain = options.state.plain;
    this.firstLine = options.state.firstLine;
    if (options.state.selectedLine !== undefined) this.selection = { position: -1, line: options.state.selectedLine };
    this.toolbar = new Toolbar(
      { filter: options.state.filter, plain: options.state.plain },
      {
        filterChanged: (filter) => void this.changeFilter(filter),
        nextProblem: (direction) => void this.nextProblem(direction),
        goToLine: (line) => void this.goToLine(line),
        setPlain: (plain) => this.setPlain(plain),
        exportMatches: (target) => void this.exportMatches(target),
      },
      options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs },
    );
    this.banner = element('div', { class: 'read-only-banner', role: 'status', hidden: '' });
    this.empty = element('p', { class: 'empty-state', role: 'status', hidden: '' });
    this.list = new VirtualList(
      options.root.ownerDocument,
      {
        item: (position, height, cheap) => this.item(position, height, cheap),
        shown: (first, last, anchor) => this.shown(first, last, anchor),
      },
      options.list,
    );
    this.list.scroller.tabIndex = 0;
    this.list.scroller.setAttribute('aria-label', 'Examples (j/k or arrows select, F8 next problem)');
    this.cache = new RowCache(
      (start, count, signal) => this.host.request('rows', { start, count }, { signal }),
      (rows) => this.rowsLoaded(rows),
      (error) => this.toolbar.setStatus(`Could not load examples: ${messageOf(error)}`),
    );
    options.root.replaceChildren(this.toolbar.element, this.banner, this.empty, this.list.scroller);
    // Links in rendered text go nowhere here: the handler cancels every click on them; copy buttons still copy.
    handleRenderedActions(this.list.scroller, { openLink: () => undefined });
    this.firstInfo = new Promise((resolve) =>
      this.host.on('info', (info) => {
        this.applyInfo(info, false);
        resolve();
      }),
    );
    this.host.on('reveal', ({ line, position }) => this.reveal(line, position));
    options.keys.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Applies the saved filter and goes back to the saved place. */
  async start(): Promise<void> {
    // Marks for the bench's first-screen breakdown (cheap, and visible in a performance profile).
    performance.mark('conversations:start');
    try {
      await this.restore();
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
    }
    this.options.root.setAttribute('aria-busy', 'false');
  }

  private async restore(): Promise<void> {
    const saved = this.options.state.filter;
    if (hasCondition(saved)) {
      let info: ConversationsInfo;
      try {
        info = await this.host.request('setFilter', { filter: saved });
      } catch {
        // A saved filter the host refuses (from an older version of the page): start unfiltered.
        info = await this.host.request('setFilter', { filter: {} });
      }
      this.applyInfo(info, true);
    } else {
      // The host starts unfiltered and sends its state unasked: the first rows need no request before them.
      await this.firstInfo;
    }
    performance.mark('conversations:info');
    const first = this.firstLine > 0 ? await this.host.request('findLine', { line: this.firstLine }) : null;
    if (first !== null) this.list.scrollToRow(first);
    const selected = this.selection?.line;
    if (selected !== undefined) {
      const position = await this.host.request('findLine', { line: selected });
      this.selection = position === null ? undefined : { position, line: selected };
      this.markSelection();
    }
  }

  /** The selected position, for tests and the keyboard. */
  get selectedPosition(): number | undefined {
    return this.selection && this.selection.position >= 0 ? this.selection.position : undefined;
  }

  /** The view state as it is now. */
  get viewState(): ViewState {
    return {
      filter: this.toolbar.filter,
      firstLine: this.firstLine,
      selectedLine: this.selection?.line,
      plain: this.plain,
    };
  }

  private applyInfo(info: ConversationsInfo, filterChanged: boolean): void {
    const old = this.info;
    this.info = info;
    this.toolbar.update(info);
    if (info.readOnly === undefined) this.banner.hidden = true;
    else {
      this.banner.hidden = false;
      this.banner.replaceChildren(
        element('span', { class: 'codicon codicon-lock', 'aria-hidden': 'true' }),
        element('span', {}, `Read-only: ${info.readOnly}`),
      );
    }
    this.empty.hidden = info.matches > 0;
    this.empty.textContent = info.scanning
      ? 'Looking for matching examples…'
      : info.lineCount === 0
        ? 'This file has no examples yet.'
        : 'No example matches the search and filters.';
    if (old?.readOnly !== info.readOnly || old?.tokenLimit !== info.tokenLimit || filterChanged) this.cards.clear();
    if (filterChanged || old?.version !== info.version || old?.matches !== info.matches) {
      this.cache.reset(info.version, info.matches, !filterChanged && old?.scanning === true);
      if (filterChanged) this.cache.dropStale();
      const sent = (info.pages ?? []).filter((page) => this.cache.put(page.start, info.version, page.rows));
      this.list.setCount(info.matches, filterChanged);
      if (sent.length > 0) this.rowsLoaded(sent.flatMap((page) => page.rows));
      // Ask for the rows in view now rather than after the next frame: an edit's new problems show sooner.
      if (!filterChanged) this.cache.want(this.drawn.first - PREFETCH, this.drawn.last + PREFETCH);
    }
    this.list.refresh();
  }

  private rowsLoaded(rows: readonly ConversationRow[]): void {
    if (performance.getEntriesByName('conversations:first-rows').length === 0)
      performance.mark('conversations:first-rows');
    const selection = this.selection;
    if (selection && selection.line === undefined) {
      const row = rows.find((candidate) => candidate.position === selection.position);
      if (row) this.selection = { position: selection.position, line: row.line };
    }
    this.toolbar.learn(
      rows.flatMap((row) => row.problems.map((problem) => problem.code)),
      rows.flatMap((row) => rolesOf(row)),
    );
    // Rows on screen are drawn at once (an edit's round trip, the first screen); prefetched ones wait for a frame.
    const onScreen = rows.some((row) => row.position >= this.drawn.first && row.position <= this.drawn.last);
    if (onScreen) this.list.render();
    else this.list.refresh();
  }

  /** The element the list draws at a position: a kept card, a new one, or a placeholder. */
  private item(position: number, height: number, cheap: boolean): { element: HTMLElement; measurable: boolean } {
    const cached = this.cache.row(position);
    const entry = this.cards.get(position);
    if (!cached) {
      if (entry && entry.row === undefined) {
        entry.element.style.height = `${height}px`;
        return { element: entry.element, measurable: false };
      }
      const placeholder = placeholderView(position, this.info?.matches ?? 0, height);
      this.cards.set(position, { row: undefined, element: placeholder });
      return { element: placeholder, measurable: false };
    }
    if (entry?.row === cached.row) return { element: entry.element, measurable: true };
    // A new version of the rows (after any edit) mostly repeats what is drawn: keep the cards whose row is the same,
    // so an edit rebuilds its own card only (building a card renders its markdown).
    if (entry?.row !== undefined && this.editing?.line !== cached.row.line && sameRow(entry.row, cached.row)) {
      this.cards.set(position, { row: cached.row, element: entry.element });
      return { element: entry.element, measurable: true };
    }
    if (cheap) {
      if (entry) return { element: entry.element, measurable: false };
      const placeholder = placeholderView(position, this.info?.matches ?? 0, height);
      this.cards.set(position, { row: undefined, element: placeholder });
      return { element: placeholder, measurable: false };
    }
    const card = this.buildCard(cached);
    if (performance.getEntriesByName('conversations:first-card').length === 0)
      performance.mark('conversations:first-card');
    const active = entry?.element.ownerDocument.activeElement;
    if (entry && active && entry.element.contains(active) && active.localName === 'textarea')
      this.refocus = card.querySelector('textarea') ?? undefined;
    this.cards.set(position, { row: cached.row, element: card });
    return { element: card, measurable: true };
  }

  private buildCard(cached: CachedRow): HTMLElement {
    const { row, version } = cached;
    const editing = this.editing?.line === row.line ? this.editing : undefined;
    const actions: CardActions = {
      // A kept card may outlive its row's version (see item): act with the version its row has now.
      act: (action) => void this.act(row, this.versionOf(row, version), action),
      edit: (edit) => void this.edit(row, this.versionOf(row, version), edit),
      startEditing: (path, text) => this.startEditing(row, path, text),
      setDraft: (text) => {
        if (this.editing?.line === row.line) this.editing = { ...this.editing, draft: text };
      },
      cancelEditing: () => {
        this.editing = undefined;
        this.redraw(row.line);
      },
      expand: (key) => {
        this.expanded.add(key);
        this.redraw(row.line);
      },
      select: () => this.select({ position: row.position, line: row.line }, false),
    };
    return cardView(row, {
      renderer: this.renderer,
      plain: this.plain,
      tokenLimit: this.info?.tokenLimit,
      readOnly: this.info?.readOnly !== undefined,
      selected: this.isSelected(row),
      matches: this.info?.matches ?? 0,
      editing,
      error: this.errors.get(row.line),
      expanded: this.expanded,
      actions,
    });
  }

  private shown(first: number, last: number, anchor: Anchor): void {
    this.drawn = { first, last };
    this.cache.want(first - PREFETCH, last + PREFETCH);
    for (const position of this.cards.keys())
      if (position < first - CARD_KEEP || position > last + CARD_KEEP) this.cards.delete(position);
    const top = this.cache.row(anchor.row);
    if (top && top.row.line !== this.firstLine) {
      this.firstLine = top.row.line;
      this.persistSoon();
    }
    if (this.refocus?.isConnected) {
      this.refocus.focus();
      this.refocus = undefined;
    }
  }

  private isSelected(row: ConversationRow): boolean {
    const selection = this.selection;
    if (!selection) return false;
    return selection.line !== undefined ? selection.line === row.line : selection.position === row.position;
  }

  /** Marks the selected card in place (no card is built again for a selection). */
  private markSelection(): void {
    for (const entry of this.cards.values()) {
      if (!entry.row) continue;
      const selected = this.isSelected(entry.row);
      entry.element.classList.toggle('selected', selected);
      entry.element.setAttribute('aria-selected', String(selected));
    }
  }

  private select(selection: Selection, reveal: boolean): void {
    const row = this.cache.row(selection.position);
    this.selection = row ? { position: selection.position, line: row.row.line } : selection;
    this.markSelection();
    if (reveal) this.list.reveal(selection.position);
    this.persistSoon();
  }

  /** Selects the example `delta` positions away (the first visible one when none is selected). */
  moveSelection(delta: number): void {
    const count = this.info?.matches ?? 0;
    if (count === 0) return;
    const current = this.selectedPosition;
    const position =
      current === undefined ? this.list.currentAnchor.row : Math.max(0, Math.min(count - 1, current + delta));
    this.select({ position, line: undefined }, true);
  }

  /** Forgets a line's card so the next frame builds it again. */
  /** The version of the cached row now at this row's position, when it is the same line; else the card's own. */
  private versionOf(row: ConversationRow, version: number): number {
    const now = this.cache.row(row.position);
    return now !== undefined && now.row.line === row.line ? now.version : version;
  }

  private redraw(line: number): void {
    for (const [position, entry] of this.cards) if (entry.row?.line === line) this.cards.delete(position);
    this.list.refresh();
  }

  private startEditing(row: ConversationRow, path: JsonPath, text: string): void {
    const previous = this.editing?.line;
    this.editing = { line: row.line, path, draft: text };
    if (previous !== undefined && previous !== row.line) this.redraw(previous);
    this.redraw(row.line);
    this.refocusAfterDraw(row.line);
  }

  /** Focuses the editor of a line once its card is drawn again. */
  private refocusAfterDraw(line: number): void {
    this.list.render();
    for (const entry of this.cards.values())
      if (entry.row?.line === line) entry.element.querySelector('textarea')?.focus();
  }

  private async edit(row: ConversationRow, version: number, edit: ExampleEdit): Promise<void> {
    try {
      // The pages in view come back with the state once the edit is analysed: no request for them after it.
      const pages = this.cache.pagesCovering(this.drawn.first, this.drawn.last);
      await this.host.request('edit', { line: row.line, version, edit, pages });
      this.errors.delete(row.line);
      // Saved; or the messages moved, and the path being edited may now name another one.
      if (this.editing?.line === row.line && !['setRole', 'setWeight'].includes(edit.kind)) this.editing = undefined;
    } catch (error) {
      this.errors.set(row.line, messageOf(error));
    }
    this.redraw(row.line);
  }

  private async act(row: ConversationRow, version: number, action: ExampleAction): Promise<void> {
    try {
      await this.host.request('exampleAction', { line: row.line, version, action });
      if (!this.errors.delete(row.line)) return;
    } catch (error) {
      this.errors.set(row.line, messageOf(error));
    }
    this.redraw(row.line);
  }

  private async changeFilter(filter: ExampleFilter): Promise<void> {
    const request = ++this.filterRequest;
    this.persistSoon();
    const place = this.firstLine;
    let info: ConversationsInfo;
    try {
      info = await this.host.request('setFilter', { filter });
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
      return;
    }
    if (request !== this.filterRequest) return;
    this.applyInfo(info, true);
    // Keep the place: the example that was at the top, or the first match after it.
    const position = await this.host.request('findLine', { line: place });
    if (request !== this.filterRequest) return;
    this.list.scrollToRow(position ?? 0);
  }

  private async nextProblem(direction: 1 | -1): Promise<void> {
    const current = this.selectedPosition;
    const anchor = this.list.currentAnchor.row;
    const from = current ?? (direction === 1 ? anchor - 1 : anchor);
    try {
      const position = await this.host.request('nextProblem', { from: Math.max(-1, from), direction });
      if (position === null) {
        this.toolbar.setStatus(direction === 1 ? 'No problem after this example' : 'No problem before this example');
        return;
      }
      this.toolbar.setStatus('');
      this.select({ position, line: undefined }, true);
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
    }
  }

  private async goToLine(line: number): Promise<void> {
    try {
      const position = await this.host.request('findLine', { line });
      if (position === null) {
        this.toolbar.setStatus(`No example at or after line ${formatCount(line + 1)}`);
        return;
      }
      this.toolbar.setStatus('');
      this.list.scrollToRow(position);
      this.select({ position, line: undefined }, false);
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
    }
  }

  private reveal(line: number, position: number | null): void {
    if (position === null) {
      this.toolbar.setStatus(`Line ${formatCount(line + 1)} is not among the matching examples`);
      return;
    }
    this.toolbar.setStatus('');
    this.select({ position, line }, true);
  }

  private setPlain(plain: boolean): void {
    this.plain = plain;
    this.cards.clear();
    this.list.refresh();
    this.persistSoon();
  }

  private async exportMatches(target: MatchesTarget): Promise<void> {
    try {
      await this.host.request('exportMatches', { target });
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'F8') {
      event.preventDefault();
      void this.nextProblem(event.shiftKey ? -1 : 1);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        event.preventDefault();
        this.moveSelection(1);
        break;
      case 'k':
      case 'ArrowUp':
        event.preventDefault();
        this.moveSelection(-1);
        break;
      case 'Home':
      case 'End': {
        const count = this.info?.matches ?? 0;
        if (count === 0 || isControl(event.target)) return;
        event.preventDefault();
        const position = event.key === 'Home' ? 0 : count - 1;
        this.list.scrollToRow(position);
        this.select({ position, line: undefined }, true);
        break;
      }
      case '/':
        event.preventDefault();
        this.toolbar.focusSearch();
        break;
      case 'Enter': {
        if (isControl(event.target)) return;
        const position = this.selectedPosition;
        const cached = position === undefined ? undefined : this.cache.row(position);
        if (!cached) return;
        event.preventDefault();
        void this.act(cached.row, cached.version, 'showInText');
        break;
      }
    }
  }

  private persistSoon(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.options.persist(this.viewState);
    }, PERSIST_DELAY_MS);
  }
}

function rolesOf(row: ConversationRow): string[] {
  const view = row.view;
  if (view.kind === 'chat' || view.kind === 'rft') return view.messages.map((message) => message.role);
  if (view.kind === 'preference')
    return [...view.input, ...view.preferred, ...view.nonPreferred].map((message) => message.role);
  return [];
}

/** Keys typed into a field are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  const node = target as HTMLElement | null;
  if (!node || typeof node.closest !== 'function') return false;
  return node.isContentEditable || node.closest('input, textarea, select') !== null;
}

function isControl(target: EventTarget | null): boolean {
  const node = target as Element | null;
  return typeof node?.closest === 'function' && node.closest('button, a, summary, select') !== null;
}

/** Two rows that draw the same card (same place, example, problems and tokens). */
function sameRow(a: ConversationRow, b: ConversationRow): boolean {
  return a.line === b.line && a.position === b.position && JSON.stringify(a) === JSON.stringify(b);
}

/** A filter with at least one condition (an empty one is the host's starting state). */
function hasCondition(filter: ExampleFilter): boolean {
  return Object.values(filter).some(
    (value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
}
