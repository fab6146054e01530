// The chat playground: 1–4 columns, each with its own model, parameters and conversation; one input sends to all.
// Replies stream through the host (the webview never calls the network and never sees a key) and render through the
// shared sanitising markdown renderer. State is saved with setState, so it survives hiding and window reloads.
import './main.css';
import '../shared/markdown/markdown.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  ConnectionModels,
  LoadedExample,
  ModelPair,
  PlaygroundHostEvents,
  PlaygroundRequests,
  SaveExampleParams,
} from '../../src/protocol/playground';
import { messageOf } from '../../src/core/errors/messageOf';
import { createHostClient } from '../shared/hostClient';
import { element } from '../shared/dom';
import { KeptParts } from '../shared/keptParts';
import { createMarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { pacedFrames, type FrameClock } from '../shared/markdown/pacedFrames';
import { handleRenderedActions } from '../shared/markdown/renderedActions';
import { columnView, conversationView, type ColumnViewContext, type ReplyDraft } from './columnView';
import { comparisonView } from './comparisonView';
import { bannerView, referenceView, syncToolbar, toolbarView, type ToolbarActions } from './pageViews';
import { Composer } from './composer';
import { withListedModels } from './listedModels';
import { CoalescedSave } from './coalescedSave';
import { modelLabelIn, withStreaming } from './connectionList';
import { MessageViews } from './messageViews';
import { streamReply } from './replyStream';
import { chatExample, chatParams, codeParams, votedPreference } from './conversationRequests';
import {
  canVote,
  isBusy,
  namesHidden,
  pairColumns,
  reduce,
  restoreState,
  streamingReply,
  type Action,
  type Column,
  type PlaygroundState,
} from './state';

// The API object can be acquired once per page: the host client posts through it, and state is saved through it.
const vscode = acquireVsCodeApi<PlaygroundState>();
const host = createHostClient<PlaygroundRequests, PlaygroundHostEvents>(vscode, window);
const renderer = createMarkdownRenderer(window);
const app = document.getElementById('app')!;

let state = restoreState(vscode.getState());
let connections: ConnectionModels[] = [];
/** Bumped whenever `connections` is replaced: the kept controls that show them are built again. */
let connectionsVersion = 0;
/** Requests in flight, by column id: Stop aborts them all. */
const inFlight = new Map<number, AbortController>();
/** A streaming reply's last block is drawn again at most this often (see pacedFrames). */
const STREAM_FRAME_INTERVAL_MS = 50;
const frameClock: FrameClock = {
  now: () => performance.now(),
  delay: (callback, ms) => setTimeout(callback, ms),
  frame: (callback) => requestAnimationFrame(callback),
};
const messages = new MessageViews(renderer, () => pacedFrames(STREAM_FRAME_INTERVAL_MS, frameClock));
/** Each column's section, and the page's regions, kept between renders (see renderAll). */
const sections = new Map<number, HTMLElement>();
/** The page's controls, built again only when what they show changed. */
const parts = new KeptParts();
const regions = {
  toolbar: element('div'),
  banner: element('div'),
  reference: element('div'),
  columns: element('div', { class: 'columns' }),
  comparison: element('div'),
  composer: element('div'),
};
app.replaceChildren(...Object.values(regions));
const openParameters = new Set<number>();
const replyDrafts = new Map<number, ReplyDraft>();
/** What the host asked for before the models were listed, or while replies were being stopped: done after. */
let pending: { kind: 'example'; example: LoadedExample } | { kind: 'pair'; pair: ModelPair } | undefined;
let modelsListed = false;
/** The last Save to dataset or View code outcome, shown under the toolbar. */
let banner: { text: string; error: boolean } | undefined;

handleRenderedActions(app, { openLink: (url) => void host.request('openLink', { url }) });
host.on('connectionsChanged', () => void loadModels(false));
host.on('loadExample', (example) => loadExample(example));
host.on('showPair', (pair) => showPair(pair));

/**
 * The page is retained while hidden, so the saved state only matters after a window reload: saves are coalesced, and
 * streamed text is saved when its reply ends (a reply cut by a reload is shown stopped, with Retry).
 */
const SAVE_DELAY_MS = 250;
const saves = new CoalescedSave(() => vscode.setState(state), SAVE_DELAY_MS);
/** The page has not been drawn whole since requests were posted (see renderAfterRequests). */
let drawPending = false;
/** After a send, the rest of the page is drawn by then at the latest (see renderAfterRequests). */
const FULL_DRAW_DELAY_MS = 100;

function dispatch(action: Action, render = true): void {
  state = reduce(state, action);
  if (action.type !== 'delta' && action.type !== 'usage') saves.request();
  if (render) renderAll();
}

async function loadModels(refresh: boolean): Promise<void> {
  try {
    connections = await host.request('listModels', refresh ? { refresh: true } : {});
  } catch {
    connections = [];
  }
  connectionsVersion++;
  state = withListedModels(state, connections);
  dispatch({ type: 'setDraft', text: state.draft });
  modelsListed = true;
  if (!isBusy(state)) runPending();
}

function runPending(): void {
  const next = pending;
  pending = undefined;
  if (next?.kind === 'example') loadExample(next.example);
  else if (next?.kind === 'pair') showPair(next.pair);
}

function showPair(pair: ModelPair): void {
  if (isBusy(state)) {
    pending = { kind: 'pair', pair };
    stopAll();
    return;
  }
  replyDrafts.clear();
  const { connectionId } = pair;
  state = pairColumns(state, { connectionId, model: pair.base }, { connectionId, model: pair.fineTuned });
  dispatch({ type: 'clearConversation' });
}

function send(text: string): void {
  if (isBusy(state)) return;
  state = reduce(state, { type: 'send', text, random: random() });
  startPendingReplies();
  saves.request();
  renderAfterRequests();
}

/**
 * After requests are posted: the conversations now (the message sent and the replies to come), the rest of the page
 * in a task after the first chunk or after FULL_DRAW_DELAY_MS, whichever comes first. After a key press Chromium defers
 * other tasks until the next frame is shown, and the workbench sends a posted request on to the extension host from a
 * timer: drawing the whole page in the key's task, or in a timer of its own, held the request back by the drawing's
 * whole length, and drawing it as the first chunk came in held that back (bench/README.md, case 6).
 */
function renderAfterRequests(): void {
  if (state.columns.some((column) => !sections.has(column.id))) return renderAll();
  messages.beginRender();
  const hidden = namesHidden(state);
  shownColumns(hidden).forEach((column, index) => conversationView(column, columnContext(index, hidden)));
  messages.endRender(state.columns.map((c) => c.id));
  composer.showDraft(state.draft);
  drawPending = true;
  setTimeout(renderIfPending, FULL_DRAW_DELAY_MS);
}

function renderIfPending(): void {
  if (drawPending) renderAll();
}

function loadExample(example: LoadedExample): void {
  if (!modelsListed || isBusy(state)) {
    pending = { kind: 'example', example };
    stopAll();
    return;
  }
  replyDrafts.clear();
  state = reduce(state, { type: 'loadExample', example, random: random() });
  startPendingReplies();
  saves.request();
  renderAfterRequests();
}

function startPendingReplies(): void {
  for (const column of state.columns) if (streamingReply(column)) startReply(column.id);
}

/** A uniform number in [0, 1) from the platform's cryptographic source, for the blind A/B order. */
function random(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

function retry(columnId: number): void {
  if (inFlight.has(columnId)) return;
  state = reduce(state, { type: 'retry', column: columnId });
  startReply(columnId);
  saves.request();
  renderAfterRequests();
}

function stopAll(): void {
  for (const controller of inFlight.values()) controller.abort();
}

/** Streams the column's pending reply; every way it can end lands in the state as a status the user sees. */
function startReply(columnId: number): void {
  const column = state.columns.find((c) => c.id === columnId);
  if (!column || !streamingReply(column)) return;
  const controller = new AbortController();
  inFlight.set(columnId, controller);
  void streamReply(host, chatParams(column), controller.signal, {
    text: (text) => {
      messages.append(columnId, text);
      dispatch({ type: 'delta', column: columnId, text }, false);
      // The first chunk is shown; the rest of the page is drawn after it (see renderAfterRequests).
      if (drawPending) setTimeout(renderIfPending, 0);
    },
    usage: (usage) => dispatch({ type: 'usage', column: columnId, usage }, false),
    notice: (text) => dispatch({ type: 'notice', column: columnId, text }),
  }).then((outcome) => {
    inFlight.delete(columnId);
    dispatch({ ...outcome, column: columnId });
    if (inFlight.size > 0) return;
    // The exchange is complete: saved now rather than after the coalescing delay, so a reload right after it (or
    // the window closing) finds it.
    saves.now();
    if (modelsListed) runPending();
  });
}

/** Save to dataset: the host asks where, validates and appends; the outcome shows in the banner. */
async function saveExample(example: SaveExampleParams): Promise<string | undefined> {
  try {
    const result = await host.request('saveExample', example);
    if (!result.saved) return undefined;
    const where = `${result.fileName}:${result.line}`;
    banner = { text: `Saved to ${where}.`, error: false };
    return where;
  } catch (error) {
    banner = { text: messageOf(error), error: true };
    return undefined;
  } finally {
    renderAll();
  }
}

async function saveReply(column: Column, draft: ReplyDraft): Promise<void> {
  const where = await saveExample(chatExample(current(column), draft.index, draft.text));
  if (where !== undefined) {
    replyDrafts.delete(column.id);
    renderAll();
  }
}

async function savePreference(): Promise<void> {
  const example = votedPreference(state);
  if (!example) return;
  const where = await saveExample(example);
  if (where !== undefined) dispatch({ type: 'preferenceSaved', savedTo: where });
}

async function viewCode(column: Column): Promise<void> {
  try {
    await host.request('viewCode', codeParams(current(column), state.draft));
  } catch (error) {
    banner = { text: messageOf(error), error: true };
    renderAll();
  }
}

async function setStreaming(column: Column, streaming: boolean): Promise<void> {
  const model = column.model.trim();
  try {
    await host.request('setStreaming', { connectionId: column.connectionId, model, streaming });
    connectionsVersion++;
    connections = withStreaming(connections, column.connectionId, model, streaming);
  } catch (error) {
    banner = { text: messageOf(error), error: true };
  }
  renderAll();
}

/** The column as it is now: controls are kept between renders, so a handler may hold the one it was drawn from. */
function current(column: Column): Column {
  return state.columns.find((c) => c.id === column.id) ?? column;
}

function modelLabel(key: string): string {
  return modelLabelIn(connections, key);
}

/** The columns in the order shown: shuffled in a blind comparison before the vote. */
function shownColumns(hidden: boolean): Column[] {
  const order = hidden && state.comparison ? state.comparison.order : state.columns.map((c) => c.id);
  return order.map((id) => state.columns.find((c) => c.id === id)!);
}

function columnContext(index: number, hidden: boolean): ColumnViewContext {
  return {
    renderer,
    connections,
    connectionsVersion,
    parts,
    columnCount: state.columns.length,
    openParameters,
    dispatch,
    retry,
    messages,
    blindLabel: hidden ? `Model ${index === 0 ? 'A' : 'B'}` : undefined,
    busy: isBusy(state),
    replyDrafts,
    saveReply: (column, draft) => void saveReply(column, draft),
    viewCode: (column) => void viewCode(column),
    setStreaming: (column, streaming) => void setStreaming(column, streaming),
    rerender: renderAll,
  };
}

/**
 * Draws the page from state. Controls are built again only when what they show changed (KeptParts); the column
 * sections and their conversations are kept and patched, so a render never detaches or re-renders a reply's text
 * (see MessageViews).
 */
function renderAll(): void {
  drawPending = false;
  const focused = document.activeElement?.id;
  messages.beginRender();
  const hidden = namesHidden(state);
  const columns = shownColumns(hidden);
  const context = (index: number): ColumnViewContext => columnContext(index, hidden);
  columns.forEach((column, index) => {
    let section = sections.get(column.id);
    if (!section) {
      section = element('section');
      sections.set(column.id, section);
    }
    columnView(column, index, context(index), section);
    const at = regions.columns.children[index];
    if (at !== section) regions.columns.insertBefore(section, at ?? null);
  });
  while (regions.columns.children.length > columns.length) regions.columns.lastElementChild!.remove();
  for (const id of sections.keys()) if (!state.columns.some((c) => c.id === id)) sections.delete(id);
  messages.endRender(state.columns.map((c) => c.id));
  parts.retain((slot) => !/:\d+$/.test(slot) || sections.has(Number(slot.slice(slot.lastIndexOf(':') + 1))));

  const busy = isBusy(state);
  parts.place(regions.toolbar, 'toolbar', [state.blind, state.tally, connectionsVersion], () =>
    toolbarView(state, toolbarActions),
  );
  syncToolbar(regions.toolbar, state);
  parts.place(regions.banner, 'banner', [banner], () => (banner ? bannerView(banner, dismissBanner) : undefined));
  parts.place(regions.reference, 'reference', [state.reference], () =>
    state.reference
      ? referenceView(state.reference, renderer, () => dispatch({ type: 'dismissReference' }))
      : undefined,
  );
  const compared = state.columns.map((column) => [column.id, column.connectionId, column.model]);
  parts.place(regions.comparison, 'comparison', [state.comparison, canVote(state), compared, connectionsVersion], () =>
    comparisonView(state, {
      vote: (vote) => dispatch({ type: 'vote', vote }),
      savePreference: () => void savePreference(),
      modelLabel,
    }),
  );
  composer.showBusy(busy);
  composer.showDraft(state.draft);
  app.setAttribute('aria-busy', 'false');
  if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
}

const toolbarActions: ToolbarActions = {
  addColumn: () => dispatch({ type: 'addColumn' }),
  setBlind: (blind) => dispatch({ type: 'setBlind', blind }),
  clear: () => {
    replyDrafts.clear();
    banner = undefined;
    dispatch({ type: 'clearConversation' });
  },
  refreshModels: () => void loadModels(true),
  modelLabel,
};

function dismissBanner(): void {
  banner = undefined;
  renderAll();
}

const composer = new Composer({
  typed: (text) => dispatch({ type: 'setDraft', text }, false),
  send,
  stop: stopAll,
});
regions.composer.append(composer.element);

renderAll();
void loadModels(false);
