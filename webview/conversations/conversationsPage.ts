// The Conversations view's page: the toolbar, the read-only banner and the virtual list of example cards, wired to
// the host. The host owns the document and the filter; this page asks for the rows it shows, a page at a time, and
// sends every edit as one request that names the document version it was made against.
import type { ConversationRow, ConversationsInfo, MatchesTarget } from '../../src/protocol/conversations';
import { messageOf } from '../../src/core/errors/messageOf';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { handleRenderedActions } from '../shared/markdown/renderedActions';
import { CardStore } from './cardStore';
import { cardView } from './cardView';
import type { ConversationsHost } from './conversationsHost';
import { ExampleEditing } from './exampleEditing';
import { FilterChanges, hasCondition } from './filterChanges';
import { ListNavigation } from './listNavigation';
import { ListNotices } from './listNotices';
import { rolesOf } from './messageRoles';
import { handlePageKey, type PageKeyCommands } from './pageKeys';
import { PageSelection } from './pageSelection';
import { PAGE_SIZE, RowCache, type CachedRow } from './rowCache';
import { Toolbar } from './toolbar';
import type { Anchor } from './virtualLayout';
import { VirtualList, type VirtualListOptions } from './virtualList';
import type { ViewState } from './viewState';
import { ViewStateSaver } from './viewStateSaver';

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

/** Rows fetched beyond the drawn ones on each side, so a slow scroll finds them ready. */
const PREFETCH = PAGE_SIZE / 2;

export class ConversationsPage {
  private readonly host: ConversationsHost;
  private readonly renderer: MarkdownRenderer;
  private readonly toolbar: Toolbar;
  private readonly notices = new ListNotices();
  private readonly list: VirtualList;
  private readonly cache: RowCache;
  private readonly cards: CardStore;
  private readonly selection: PageSelection;
  private readonly navigation: ListNavigation;
  private readonly editing: ExampleEditing;
  private readonly saver: ViewStateSaver;
  private readonly filters: FilterChanges;
  private info: ConversationsInfo | undefined;
  private plain: boolean;
  private firstLine: number;
  /** The positions the last frame drew. */
  private drawn = { first: 0, last: -1 };
  /** Settles when the host's first state has arrived. */
  private readonly firstInfo: Promise<void>;

  constructor(private readonly options: PageOptions) {
    this.host = options.host;
    this.renderer = options.renderer;
    this.plain = options.state.plain;
    this.firstLine = options.state.firstLine;
    this.saver = new ViewStateSaver(
      () => this.viewState,
      (state) => options.persist(state),
    );
    this.selection = new PageSelection(options.state.selectedLine, {
      row: (position) => this.cache.row(position),
      mark: (isSelected) => this.cards.markSelected(isSelected),
      reveal: (position) => this.list.reveal(position),
      changed: () => this.saver.soon(),
    });
    this.toolbar = new Toolbar(
      { filter: options.state.filter, plain: options.state.plain },
      {
        filterChanged: (filter) => void this.filters.change(filter),
        nextProblem: (direction) => void this.navigation.nextProblem(direction),
        goToLine: (line) => void this.navigation.goToLine(line),
        setPlain: (plain) => this.setPlain(plain),
        exportMatches: (target) => void this.exportMatches(target),
      },
      options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs },
    );
    this.list = new VirtualList(
      options.root.ownerDocument,
      {
        item: (position, height, cheap) => this.cards.item(position, height, cheap),
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
    this.cards = new CardStore({
      row: (position) => this.cache.row(position),
      matches: () => this.info?.matches ?? 0,
      editingLine: () => this.editing.line,
      build: (cached) => this.buildCard(cached),
    });
    this.editing = new ExampleEditing({
      host: this.host,
      cache: this.cache,
      drawn: () => this.drawn,
      redraw: (line) => this.redraw(line),
      focusEditor: (line) => {
        this.list.render();
        this.cards.focusEditor(line);
      },
      select: (row) => this.selection.select({ position: row.position, line: row.line }, false),
    });
    this.filters = new FilterChanges({
      host: this.host,
      firstLine: () => this.firstLine,
      applyInfo: (info) => this.applyInfo(info, true),
      scrollToRow: (position) => this.list.scrollToRow(position),
      setStatus: (text) => this.toolbar.setStatus(text),
      changed: () => this.saver.soon(),
    });
    this.navigation = new ListNavigation({
      host: this.host,
      list: this.list,
      selection: this.selection,
      matches: () => this.info?.matches ?? 0,
      setStatus: (text) => this.toolbar.setStatus(text),
    });
    options.root.replaceChildren(this.toolbar.element, this.notices.banner, this.notices.empty, this.list.scroller);
    // Links in rendered text go nowhere here: the handler cancels every click on them; copy buttons still copy.
    handleRenderedActions(this.list.scroller, { openLink: () => undefined });
    this.firstInfo = new Promise((resolve) =>
      this.host.on('info', (info) => {
        this.applyInfo(info, false);
        resolve();
      }),
    );
    this.host.on('reveal', ({ line, position }) => this.navigation.reveal(line, position));
    const keyCommands: PageKeyCommands = {
      nextProblem: (direction) => void this.navigation.nextProblem(direction),
      moveSelection: (delta) => this.moveSelection(delta),
      matches: () => this.info?.matches ?? 0,
      goTo: (position) => this.navigation.goTo(position),
      focusSearch: () => this.toolbar.focusSearch(),
      selectedRow: () => this.selection.row,
      showInText: (cached) => void this.editing.act(cached.row, cached.version, 'showInText'),
    };
    options.keys.addEventListener('keydown', (event) => handlePageKey(event, keyCommands));
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
    const selected = this.selection.line;
    if (selected !== undefined) {
      const position = await this.host.request('findLine', { line: selected });
      this.selection.place(selected, position);
    }
  }

  /** The selected position, for tests and the keyboard. */
  get selectedPosition(): number | undefined {
    return this.selection.position;
  }

  /** The view state as it is now. */
  get viewState(): ViewState {
    return {
      filter: this.toolbar.filter,
      firstLine: this.firstLine,
      selectedLine: this.selection.line,
      plain: this.plain,
    };
  }

  /** Selects the example `delta` positions away (the first visible one when none is selected). */
  moveSelection(delta: number): void {
    this.navigation.moveSelection(delta);
  }

  private applyInfo(info: ConversationsInfo, filterChanged: boolean): void {
    const old = this.info;
    this.info = info;
    this.toolbar.update(info);
    this.notices.update(info);
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
    this.selection.learnLine(rows);
    this.toolbar.learn(
      rows.flatMap((row) => row.problems.map((problem) => problem.code)),
      rows.flatMap((row) => rolesOf(row)),
    );
    // Rows on screen are drawn at once (an edit's round trip, the first screen); prefetched ones wait for a frame.
    const onScreen = rows.some((row) => row.position >= this.drawn.first && row.position <= this.drawn.last);
    if (onScreen) this.list.render();
    else this.list.refresh();
  }

  private buildCard(cached: CachedRow): HTMLElement {
    const card = cardView(cached.row, {
      renderer: this.renderer,
      plain: this.plain,
      tokenLimit: this.info?.tokenLimit,
      readOnly: this.info?.readOnly !== undefined,
      selected: this.selection.isSelected(cached.row),
      matches: this.info?.matches ?? 0,
      ...this.editing.cardState(cached),
    });
    if (performance.getEntriesByName('conversations:first-card').length === 0) {
      performance.mark('conversations:first-card');
      // The browser's own record of when this card's text reached the screen (Element Timing; read by the bench).
      card.querySelector('.line-number')?.setAttribute('elementtiming', 'conversations:first-card');
    }
    return card;
  }

  private shown(first: number, last: number, anchor: Anchor): void {
    this.drawn = { first, last };
    this.cache.want(first - PREFETCH, last + PREFETCH);
    this.cards.keepNear(first, last);
    const top = this.cache.row(anchor.row);
    if (top && top.row.line !== this.firstLine) {
      this.firstLine = top.row.line;
      this.saver.soon();
    }
    this.cards.refocusAttached();
  }

  /** Builds a line's card again on the next frame. */
  private redraw(line: number): void {
    this.cards.forget(line);
    this.list.refresh();
  }

  private setPlain(plain: boolean): void {
    this.plain = plain;
    this.cards.clear();
    this.list.refresh();
    this.saver.soon();
  }

  private async exportMatches(target: MatchesTarget): Promise<void> {
    try {
      await this.host.request('exportMatches', { target });
    } catch (error) {
      this.toolbar.setStatus(messageOf(error));
    }
  }
}
