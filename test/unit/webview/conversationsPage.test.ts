import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type {
  ConversationRow,
  ConversationsInfo,
  ConversationsRequests,
  ExampleFilter,
} from '../../../src/protocol/conversations';
import type { ConversationsHost } from '../../../webview/conversations/conversationsHost';
import { ConversationsPage } from '../../../webview/conversations/conversationsPage';
import { INITIAL_STATE, restoreViewState, type ViewState } from '../../../webview/conversations/viewState';
import { MAX_VIRTUAL_HEIGHT } from '../../../webview/conversations/virtualLayout';
import { VirtualList } from '../../../webview/conversations/virtualList';
import { createMarkdownRenderer } from '../../../webview/shared/markdown/renderMarkdown';
import { useGlobalDocument } from './globalDocument';

const dom = new JSDOM('<!DOCTYPE html><body><main id="app"></main></body>');
const window = dom.window as unknown as Window & typeof globalThis;
const renderer = createMarkdownRenderer(window);

type Method = keyof ConversationsRequests;
type Handler<M extends Method> = (
  params: ConversationsRequests[M]['params'],
) => ConversationsRequests[M]['result'] | Promise<ConversationsRequests[M]['result']>;

/** Every card is this tall, every placeholder counts as unmeasured; the viewport shows five cards. */
const CARD_HEIGHT = 100;
const VIEWPORT = 500;

function info(overrides: Partial<ConversationsInfo> = {}): ConversationsInfo {
  return {
    fileName: 'train.jsonl',
    version: 3,
    lineCount: 200,
    matches: 100,
    scanning: false,
    problemLines: 0,
    tokenLimit: 1000,
    ...overrides,
  };
}

/** Example at position p is on line 2p (every other line matches). */
function rowAt(position: number, text = `Example ${position}`): ConversationRow {
  return {
    position,
    line: position * 2,
    problems: [],
    view: {
      kind: 'chat',
      messages: [
        {
          path: ['messages', 0],
          role: 'user',
          parts: [{ kind: 'text', text, path: ['messages', 0, 'content'] }],
          dimmed: false,
        },
      ],
    },
  };
}

class FakeHost {
  readonly sent: { method: Method; params: unknown }[] = [];
  private readonly listeners = new Map<string, ((payload: unknown) => void)[]>();
  current = info();
  handlers: { [M in Method]?: Handler<M> } = {
    setFilter: () => this.current,
    rows: ({ start, count }) => ({
      version: this.current.version,
      rows: Array.from({ length: Math.min(count, this.current.matches - start) }, (_, i) => rowAt(start + i)),
    }),
    findLine: ({ line }) => Math.ceil(line / 2),
    nextProblem: () => null,
    edit: () => null,
    exampleAction: () => null,
    exportMatches: () => null,
  };

  readonly client = {
    request: (method: Method, params: unknown) => {
      this.sent.push({ method, params });
      const handler = this.handlers[method] as ((params: unknown) => unknown) | undefined;
      return Promise.resolve().then(() => handler?.(params));
    },
    on: (name: string, listener: (payload: unknown) => void) => {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      // As the real host does: its state is sent unasked once the page listens.
      if (name === 'info') queueMicrotask(() => listener(this.current));
    },
  } as unknown as ConversationsHost;

  emit(name: 'info' | 'reveal', payload: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  /** The requests of one method, their params only, and forgets them. */
  take(method: Method): unknown[] {
    const taken = this.sent.filter((request) => request.method === method).map((request) => request.params);
    this.sent.splice(0, this.sent.length, ...this.sent.filter((request) => request.method !== method));
    return taken;
  }
}

interface Harness {
  host: FakeHost;
  page: ConversationsPage;
  root: HTMLElement;
  persisted: ViewState[];
  /** Lets requests answer and frames draw until nothing is left. */
  settle(): Promise<void>;
  cards(): HTMLElement[];
  key(key: string, target?: EventTarget, init?: KeyboardEventInit): void;
}

async function harness(
  state: ViewState = INITIAL_STATE,
  setUp: (host: FakeHost) => void = () => undefined,
): Promise<Harness> {
  const host = new FakeHost();
  setUp(host);
  const root = window.document.createElement('main');
  window.document.body.replaceChildren(root);
  const frames: (() => void)[] = [];
  const persisted: ViewState[] = [];
  const keys = new window.EventTarget();
  const page = new ConversationsPage({
    host: host.client,
    root,
    renderer,
    state,
    persist: (saved) => persisted.push(saved),
    keys: keys,
    debounceMs: 0,
    list: {
      requestFrame: (callback) => frames.push(callback),
      measure: () => CARD_HEIGHT,
      viewportHeight: () => VIEWPORT,
      overscan: 0,
      estimate: CARD_HEIGHT,
      // No frame runs out of time here: the budget has its own test.
      now: () => 0,
    },
  });
  const settle = async () => {
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = frames.splice(0);
      for (const frame of now) frame();
      if (now.length === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await page.start();
  await settle();
  return {
    host,
    page,
    root,
    persisted,
    settle,
    cards: () => [...root.querySelectorAll<HTMLElement>('.card:not(.placeholder)')],
    key: (key, target, init = {}) => {
      const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
      if (target) Object.defineProperty(event, 'target', { value: target });
      keys.dispatchEvent(event);
    },
  };
}

function firstLines(h: Harness): string[] {
  return h.cards().map((card) => card.getAttribute('data-line') ?? '');
}

describe('conversations: page', () => {
  useGlobalDocument(window);

  it('applies the saved filter, then fetches and draws only the visible rows', async () => {
    const filter: ExampleFilter = { text: 'refund', role: 'tool' };
    const h = await harness({ ...INITIAL_STATE, filter });
    assert.deepEqual(h.host.take('setFilter'), [{ filter }]);
    assert.deepEqual(h.host.take('rows'), [{ start: 0, count: 40 }]);
    assert.deepEqual(firstLines(h), ['0', '2', '4', '6', '8']);
    assert.equal(h.root.querySelector('.count')?.textContent, '100 of 200 examples');
    assert.equal(h.root.querySelector('.list-spacer')?.getAttribute('style'), 'height: 10000px;');
    assert.equal(h.root.querySelector('[role="list"]')?.getAttribute('aria-label'), 'Examples');
  });

  it('without a saved filter, draws from the state the host sends unasked (no filter request first)', async () => {
    const h = await harness();
    assert.deepEqual(h.host.take('setFilter'), []);
    assert.deepEqual(h.host.take('rows'), [{ start: 0, count: 40 }]);
    assert.deepEqual(firstLines(h), ['0', '2', '4', '6', '8']);
  });

  it('goes back to the saved first line and selection', async () => {
    const h = await harness({ ...INITIAL_STATE, firstLine: 120, selectedLine: 124 });
    assert.deepEqual(h.host.take('findLine'), [{ line: 120 }, { line: 124 }]);
    assert.deepEqual(firstLines(h), ['120', '122', '124', '126', '128']);
    assert.equal(h.page.selectedPosition, 62);
    assert.equal(h.root.querySelector('.card.selected')?.getAttribute('data-line'), '124');
    assert.equal(h.root.querySelector('.card.selected')?.getAttribute('aria-selected'), 'true');
  });

  it('moves the selection with j/k and the arrow keys, scrolling it into view', async () => {
    const h = await harness();
    h.key('j');
    assert.equal(h.page.selectedPosition, 0);
    for (const key of ['j', 'ArrowDown', 'j', 'j', 'j', 'j']) h.key(key);
    await h.settle();
    assert.equal(h.page.selectedPosition, 6);
    const selected = h.root.querySelectorAll('.card[aria-selected="true"]');
    assert.equal(selected.length, 1);
    assert.equal(selected[0]?.getAttribute('data-line'), '12');
    // Row 6 is revealed at the bottom of a five-row viewport.
    assert.deepEqual(firstLines(h), ['4', '6', '8', '10', '12']);
    h.key('k');
    h.key('ArrowUp');
    assert.equal(h.page.selectedPosition, 4);
    for (let i = 0; i < 10; i++) h.key('k');
    assert.equal(h.page.selectedPosition, 0);
  });

  it('leaves keys typed into a field alone, and focuses the search on /', async () => {
    const h = await harness();
    const search = h.root.querySelector<HTMLInputElement>('#search')!;
    h.key('j', search);
    assert.equal(h.page.selectedPosition, undefined);
    h.key('/');
    assert.equal(window.document.activeElement, search);
  });

  it('goes to the next and previous problem with F8 and Shift+F8', async () => {
    const h = await harness(INITIAL_STATE, (host) => {
      host.handlers.nextProblem = ({ from, direction }) => (direction === 1 ? from + 30 : null);
    });
    h.key('F8');
    await h.settle();
    assert.deepEqual(h.host.take('nextProblem'), [{ from: -1, direction: 1 }]);
    assert.equal(h.page.selectedPosition, 29);
    assert.equal(h.root.querySelector('.card.selected')?.getAttribute('data-line'), '58');
    h.key('F8', undefined, { shiftKey: true });
    await h.settle();
    assert.deepEqual(h.host.take('nextProblem'), [{ from: 29, direction: -1 }]);
    assert.equal(h.page.selectedPosition, 29);
    assert.equal(h.root.querySelector('.toolbar-status')?.textContent, 'No problem before this example');
  });

  it('sends each edit with the line and the document version, and shows a refusal on the card', async () => {
    const h = await harness(INITIAL_STATE, (host) => {
      host.handlers.edit = ({ edit }) => {
        if (edit.kind === 'deleteMessage') throw new Error('The document changed since');
        return null;
      };
    });
    const card = h.cards()[1]!;
    const picker = card.querySelector<HTMLSelectElement>('select.role-picker')!;
    picker.value = 'system';
    picker.dispatchEvent(new window.Event('change'));
    card.querySelector<HTMLButtonElement>('[data-control="delete"]')!.click();
    await h.settle();
    // Each edit names the page in view, which comes back with the state once the edit is analysed.
    const inView = [{ start: 0, count: 40 }];
    assert.deepEqual(h.host.take('edit'), [
      { line: 2, version: 3, edit: { kind: 'setRole', message: ['messages', 0], role: 'system' }, pages: inView },
      { line: 2, version: 3, edit: { kind: 'deleteMessage', list: ['messages'], index: 0 }, pages: inView },
    ]);
    const redrawn = h.cards()[1]!;
    assert.equal(redrawn.querySelector('.card-error')?.textContent, 'The document changed since');
  });

  it('edits a text in place: the editor opens, Ctrl+Enter sends setText, success closes it', async () => {
    const h = await harness();
    h.cards()[0]!.querySelector<HTMLButtonElement>('[data-control="edit"]')!.click();
    await h.settle();
    const area = h.cards()[0]!.querySelector('textarea')!;
    assert.equal(area.value, 'Example 0');
    area.value = 'Edited';
    area.dispatchEvent(new window.Event('input'));
    area.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    await h.settle();
    assert.deepEqual(h.host.take('edit'), [
      {
        line: 0,
        version: 3,
        edit: { kind: 'setText', path: ['messages', 0, 'content'], text: 'Edited' },
        pages: [{ start: 0, count: 40 }],
      },
    ]);
    assert.equal(h.cards()[0]!.querySelector('textarea'), null);
  });

  it('sends example actions, and Enter shows the selected example in the text', async () => {
    const h = await harness();
    h.cards()[2]!.querySelector<HTMLButtonElement>('[data-control="action-duplicate"]')!.click();
    h.key('j');
    h.key('Enter');
    await h.settle();
    assert.deepEqual(h.host.take('exampleAction'), [
      { line: 4, version: 3, action: 'duplicate' },
      // The click selected the third example; j moved on to the fourth.
      { line: 6, version: 3, action: 'showInText' },
    ]);
  });

  it('fetches the rows again when the document changes, keeping the old ones on screen meanwhile', async () => {
    const h = await harness();
    h.host.take('rows');
    h.host.current = info({ version: 4 });
    h.host.handlers.rows = ({ start, count }) => ({
      version: 4,
      rows: Array.from({ length: count }, (_, i) => rowAt(start + i, `New ${start + i}`)),
    });
    h.host.emit('info', h.host.current);
    // Asked at once, not after the next frame; the old rows stay on screen until the answer.
    assert.deepEqual(h.host.take('rows'), [{ start: 0, count: 40 }]);
    assert.equal(h.cards()[0]?.querySelector('.text')?.textContent, 'Example 0\n');
    // The answer is drawn as it arrives, without waiting for a frame.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.cards()[0]?.querySelector('.text')?.textContent, 'New 0\n');
    await h.settle();
    assert.deepEqual(h.host.take('rows'), []);
  });

  it('draws the first screen from the first page sent with the first state, without asking', async () => {
    const h = await harness(INITIAL_STATE, (host) => {
      host.current = {
        ...info(),
        pages: [{ start: 0, rows: Array.from({ length: 40 }, (_, i) => rowAt(i, `First ${i}`)) }],
      };
    });
    assert.equal(h.cards()[0]?.querySelector('.text')?.textContent, 'First 0\n');
    assert.deepEqual(h.host.take('rows'), []);
  });

  it('draws the rows sent with a new state at once, without asking for them', async () => {
    const h = await harness();
    h.host.take('rows');
    const rows = Array.from({ length: 40 }, (_, i) => rowAt(i, `Sent ${i}`));
    h.host.current = info({ version: 5 });
    h.host.emit('info', { ...h.host.current, pages: [{ start: 0, rows }] });
    assert.equal(h.cards()[0]?.querySelector('.text')?.textContent, 'Sent 0\n');
    await h.settle();
    assert.deepEqual(h.host.take('rows'), []);
  });

  it('ignores rows built from another version', async () => {
    const h = await harness(INITIAL_STATE, (host) => {
      host.handlers.rows = ({ start }) => ({ version: 2, rows: [rowAt(start)] });
    });
    assert.equal(h.cards().length, 0);
    assert.equal(h.root.querySelectorAll('.card.placeholder').length, 5);
  });

  it('filters from the toolbar and keeps the place', async () => {
    const h = await harness({ ...INITIAL_STATE, firstLine: 40 });
    h.host.take('setFilter');
    h.host.take('findLine');
    const search = h.root.querySelector<HTMLInputElement>('#search')!;
    search.value = 'x+';
    h.root.querySelector<HTMLButtonElement>('#regex')!.click();
    await h.settle();
    h.root.querySelector<HTMLSelectElement>('#problems')!.value = 'errors';
    h.root.querySelector<HTMLSelectElement>('#problems')!.dispatchEvent(new window.Event('change'));
    h.root.querySelector<HTMLSelectElement>('#tools')!.value = 'false';
    h.root.querySelector<HTMLSelectElement>('#tools')!.dispatchEvent(new window.Event('change'));
    const codes = h.root.querySelector<HTMLInputElement>('#codes')!;
    codes.value = 'ft.a, ft.b ,';
    codes.dispatchEvent(new window.Event('input'));
    const min = h.root.querySelector<HTMLInputElement>('#min-tokens')!;
    min.value = '12';
    min.dispatchEvent(new window.Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await h.settle();
    assert.deepEqual(h.host.take('setFilter'), [
      { filter: { text: 'x+', regex: true } },
      { filter: { text: 'x+', regex: true, problems: 'errors' } },
      { filter: { text: 'x+', regex: true, problems: 'errors', hasTools: false } },
      {
        filter: {
          text: 'x+',
          regex: true,
          problems: 'errors',
          codes: ['ft.a', 'ft.b'],
          hasTools: false,
          minTokens: 12,
        },
      },
    ]);
    // The second filter was replaced before its answer came: only the others look for the place again.
    assert.deepEqual(h.host.take('findLine'), [{ line: 40 }, { line: 40 }, { line: 40 }]);
    assert.deepEqual(firstLines(h).slice(0, 1), ['40']);
  });

  it('shows the match count while scanning and a filter error by the search box', async () => {
    const h = await harness();
    h.host.emit('info', info({ matches: 7, scanning: true, filterError: 'Invalid regular expression: /(/' }));
    assert.equal(h.root.querySelector('.count')?.textContent, '7 of 200 examples (scanning…)');
    assert.equal(h.root.querySelector('.filter-error')?.textContent, 'Invalid regular expression: /(/');
    assert.equal(h.root.querySelector('#search')?.getAttribute('aria-invalid'), 'true');
    const empty = h.root.querySelector<HTMLElement>('.empty-state')!;
    assert.equal(empty.hidden, true);
    h.host.emit('info', info({ matches: 0, scanning: true }));
    assert.equal(empty.hidden, false);
    assert.equal(empty.textContent, 'Looking for matching examples…');
    h.host.emit('info', info({ matches: 0 }));
    assert.equal(empty.textContent, 'No example matches the search and filters.');
    h.host.emit('info', info({ matches: 0, lineCount: 0 }));
    assert.equal(empty.textContent, 'This file has no examples yet.');
  });

  it('shows a read-only file with a banner saying why, and without editing controls', async () => {
    const h = await harness(INITIAL_STATE, (host) => {
      host.current = info({ readOnly: 'The file is larger than 50 MB.' });
    });
    const banner = h.root.querySelector<HTMLElement>('.read-only-banner')!;
    assert.equal(banner.hidden, false);
    assert.equal(banner.textContent, 'Read-only: The file is larger than 50 MB.');
    assert.ok(h.cards().length > 0);
    assert.equal(h.root.querySelectorAll('.card select, .card textarea, [data-control="edit"]').length, 0);
    assert.equal(
      h.root.querySelectorAll('[data-control="action-delete"], [data-control="action-duplicate"]').length,
      0,
    );
  });

  it('scrolls to and selects a revealed line, and says when it is filtered out', async () => {
    const h = await harness();
    h.host.emit('reveal', { line: 100, position: 50 });
    await h.settle();
    assert.equal(h.page.selectedPosition, 50);
    assert.equal(h.root.querySelector('.card.selected')?.getAttribute('data-line'), '100');
    h.host.emit('reveal', { line: 7, position: null });
    assert.equal(h.root.querySelector('.toolbar-status')?.textContent, 'Line 8 is not among the matching examples');
  });

  it('goes to a line typed in the toolbar', async () => {
    const h = await harness();
    const goTo = h.root.querySelector<HTMLInputElement>('#go-to-line')!;
    goTo.value = '31';
    goTo.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter' }));
    await h.settle();
    assert.deepEqual(h.host.take('findLine'), [{ line: 30 }]);
    assert.deepEqual(firstLines(h)[0], '30');
    assert.equal(h.page.selectedPosition, 15);
  });

  it('exports the matches, toggles plain text and saves the view state', async () => {
    const h = await harness();
    const menu = h.root.querySelector<HTMLSelectElement>('#export')!;
    menu.value = 'dedupe';
    menu.dispatchEvent(new window.Event('change'));
    h.root.querySelector<HTMLButtonElement>('#plain')!.click();
    await h.settle();
    assert.deepEqual(h.host.take('exportMatches'), [{ target: 'dedupe' }]);
    assert.equal(menu.value, '');
    assert.equal(h.cards()[0]?.querySelector('.text')?.className, 'text plain');
    assert.deepEqual(h.page.viewState, { filter: {}, firstLine: 0, selectedLine: undefined, plain: true });
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.deepEqual(h.persisted.at(-1), { filter: {}, firstLine: 0, selectedLine: undefined, plain: true });
  });

  it('restores only a well-formed saved state', () => {
    assert.deepEqual(restoreViewState(undefined), INITIAL_STATE);
    assert.deepEqual(restoreViewState({ filter: { text: 'a' }, firstLine: -3, selectedLine: 2.5, plain: 'yes' }), {
      filter: { text: 'a' },
      firstLine: 0,
      selectedLine: undefined,
      plain: false,
    });
  });
});

describe('conversations: virtual list', () => {
  /** A list whose items are kept once built, like the page's cards; building one takes `buildMs` on the clock. */
  function list(count: number, heightOf: (row: number) => number, buildMs = 0) {
    const frames: (() => void)[] = [];
    const built: number[] = [];
    const shown: [number, number][] = [];
    const kept = new Map<number, HTMLElement>();
    let clock = 0;
    const virtual = new VirtualList(
      window.document,
      {
        item: (position, _height, cheap) => {
          const card = kept.get(position);
          if (card) return { element: card, measurable: true };
          const node = window.document.createElement('div');
          node.dataset.row = String(position);
          if (cheap) {
            node.className = 'placeholder';
            return { element: node, measurable: false };
          }
          clock += buildMs;
          built.push(position);
          kept.set(position, node);
          return { element: node, measurable: true };
        },
        shown: (first, last) => shown.push([first, last]),
      },
      {
        estimate: 200,
        overscan: 100,
        requestFrame: (callback) => frames.push(callback),
        measure: (node) => heightOf(Number(node.dataset.row)),
        viewportHeight: () => 600,
        frameBudget: 12,
        now: () => clock,
      },
    );
    virtual.setCount(count, true);
    const flush = () => {
      for (let i = 0; i < 10 && frames.length > 0; i++) frames.splice(0).forEach((frame) => frame());
    };
    flush();
    const frameCount = () => frames.length;
    return { virtual, built, shown, flush, frameCount, frames };
  }

  it('keeps 100,000 rows of estimated 200 px under the height cap, drawing only the viewport', () => {
    const { virtual, shown } = list(100_000, () => 150);
    const spacer = virtual.scroller.firstElementChild as HTMLElement;
    assert.equal(spacer.style.height, `${MAX_VIRTUAL_HEIGHT}px`);
    assert.deepEqual(shown.at(-1), [0, 4]);
    assert.equal(virtual.scroller.querySelectorAll('[data-row]').length, 5);
  });

  it('maps a scroll position through the scaled mapping to the anchored row', () => {
    const { virtual, shown, flush } = list(100_000, () => 200);
    virtual.scroller.scrollTop = MAX_VIRTUAL_HEIGHT / 2;
    virtual.scroller.dispatchEvent(new window.Event('scroll'));
    flush();
    const ratio = (100_000 * 200 - 600) / (MAX_VIRTUAL_HEIGHT - 600);
    const row = Math.floor(((MAX_VIRTUAL_HEIGHT / 2) * ratio) / 200);
    assert.equal(virtual.currentAnchor.row, row);
    // The viewport's top is just over 100 px into the anchored row, more than the overscan: no row above is drawn.
    assert.equal(virtual.currentAnchor.within, (MAX_VIRTUAL_HEIGHT / 2) * ratio - row * 200);
    assert.equal(shown.at(-1)?.[0], row);
  });

  it('keeps the anchored row in place when the rows above it are measured', () => {
    const { virtual, flush } = list(1000, (row) => (row < 50 ? 50 : 300));
    virtual.scrollToRow(60, 10);
    flush();
    // Rows 58 … 62 are drawn; their estimated heights above were replaced by measured ones.
    const rows = virtual.scroller.querySelector('.list-rows') as HTMLElement;
    const heights = virtual.rowHeights;
    const anchorTop = heights.offsetOf(60) + 10;
    assert.equal(virtual.scroller.scrollTop, anchorTop);
    // The drawn rows sit at their measured offsets: the first one's top is where the index puts it.
    const first = Number(rows.firstElementChild?.getAttribute('data-row'));
    assert.ok(first < 60);
    assert.equal(rows.style.transform, `translateY(${heights.offsetOf(first)}px)`);
    heights.set(10, 500);
    virtual.refresh();
    flush();
    assert.equal(virtual.currentAnchor.row, 60);
    assert.equal(virtual.scroller.scrollTop, anchorTop + 450);
  });

  it('draws placeholders once the frame budget is spent, and builds the rest in the next frames', () => {
    const { virtual, built, frames } = list(100, () => 100, 5);
    virtual.scrollToRow(50);
    frames.splice(0).forEach((frame) => frame());
    // Rows 49 (overscan) … 56 are wanted. 5 ms a card: the fourth is asked for at 15 ms, past the 12 ms budget.
    assert.deepEqual(built.slice(-3), [49, 50, 51]);
    assert.equal(virtual.scroller.querySelectorAll('.placeholder').length, 5);
    assert.equal(frames.length, 1, 'another frame is asked for');
    frames.splice(0).forEach((frame) => frame());
    assert.deepEqual(built.slice(-3), [52, 53, 54]);
    frames.splice(0).forEach((frame) => frame());
    assert.equal(virtual.scroller.querySelectorAll('.placeholder').length, 0);
    assert.deepEqual(
      [...virtual.scroller.querySelectorAll('[data-row]')].map((node) => node.getAttribute('data-row')),
      ['49', '50', '51', '52', '53', '54', '55', '56'],
    );
  });

  it('takes the estimate from the measured mean each time the sample doubles', () => {
    // Rows 0 … 4 are 100 px, later ones 300 px; the viewport is 600 px, the overscan 100 px.
    const { virtual, flush } = list(1000, (row) => (row < 5 ? 100 : 300));
    const heights = virtual.rowHeights;
    // Frame 1 measured rows 0 … 3 (at the first estimate, 200 px) and took the estimate from them: 100 px. Frame 2
    // filled the gap with rows 4 … 6: 7 measured, fewer than twice 4, so the estimate stays.
    assert.equal(heights.measuredRows, 7);
    assert.equal(heights.estimate, 100);
    virtual.scrollToRow(500);
    flush();
    // Rows 499 … 506 measured at 300 px: 15 rows, twice 4 and more, so the estimate is the new mean.
    assert.equal(heights.measuredRows, 15);
    assert.equal(heights.estimate, Math.round((5 * 100 + 10 * 300) / 15));
  });
});
