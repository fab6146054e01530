// The chat playground: 1–4 columns, each with its own model, parameters and conversation; one input sends to all.
// Replies stream through the host (the webview never calls the network and never sees a key) and render through the
// shared sanitising markdown renderer. State is saved with setState, so it survives the panel being hidden.
import './main.css';
import '../shared/markdown/markdown.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  ConnectionModels,
  PlaygroundHostEvents,
  PlaygroundRequests,
  ReplyEnd,
} from '../../src/protocol/playground';
import { MAX_COLUMNS } from '../../src/protocol/playground';
import { messageOf } from '../../src/core/errors/messageOf';
import { createHostClient } from '../shared/hostClient';
import { element } from '../shared/dom';
import { createMarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { handleRenderedActions } from '../shared/markdown/renderedActions';
import type { StreamingMarkdown } from '../shared/markdown/streamingMarkdown';
import { columnView } from './columnView';
import { replyMetrics } from './metrics';
import { chatParams, isBusy, reduce, restoreState, streamingReply, type Action, type PlaygroundState } from './state';

// The API object can be acquired once per page: the host client posts through it, and state is saved through it.
const vscode = acquireVsCodeApi<PlaygroundState>();
const host = createHostClient<PlaygroundRequests, PlaygroundHostEvents>(vscode, window);
const renderer = createMarkdownRenderer(window);
const app = document.getElementById('app')!;

let state = restoreState(vscode.getState());
let connections: ConnectionModels[] = [];
/** Requests in flight, by column id: Stop aborts them all. */
const inFlight = new Map<number, AbortController>();
/** Where each column's streaming reply renders. */
const streams = new Map<number, StreamingMarkdown>();
const openParameters = new Set<number>();

handleRenderedActions(app, { openLink: (url) => void host.request('openLink', { url }) });
host.on('connectionsChanged', () => void loadModels(false));

let saveScheduled = false;

function dispatch(action: Action, render = true): void {
  state = reduce(state, action);
  // Text arrives many times a frame: save it at most once a frame; everything else at once.
  if (action.type === 'delta') scheduleSave();
  else vscode.setState(state);
  if (render) renderAll();
}

function scheduleSave(): void {
  if (saveScheduled) return;
  saveScheduled = true;
  requestAnimationFrame(() => {
    saveScheduled = false;
    vscode.setState(state);
  });
}

async function loadModels(refresh: boolean): Promise<void> {
  try {
    connections = await host.request('listModels', refresh ? { refresh: true } : {});
  } catch {
    connections = [];
  }
  // A column without a model gets the first listed one, so a first message needs no set-up.
  const first = connections.find((entry) => entry.models.length > 0);
  for (const column of state.columns)
    if (first && (column.connectionId === '' || !connections.some((c) => c.connectionId === column.connectionId)))
      state = reduce(state, {
        type: 'setModel',
        column: column.id,
        connectionId: first.connectionId,
        model: first.models[0]!,
      });
  dispatch({ type: 'setDraft', text: state.draft });
}

function send(text: string): void {
  if (isBusy(state)) return;
  dispatch({ type: 'send', text });
  for (const column of state.columns) if (streamingReply(column)) startReply(column.id);
}

function retry(columnId: number): void {
  if (inFlight.has(columnId)) return;
  dispatch({ type: 'retry', column: columnId });
  startReply(columnId);
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
  const sentAt = performance.now();
  let firstTokenAt: number | undefined;
  let completionTokens: number | undefined;
  const finish = (end: ReplyEnd) => {
    inFlight.delete(columnId);
    streams.get(columnId)?.end();
    streams.delete(columnId);
    const metrics = replyMetrics({ sentAt, firstTokenAt, endedAt: performance.now(), completionTokens });
    dispatch({ type: 'end', column: columnId, end, metrics });
  };
  host
    .request('chat', chatParams(column), {
      signal: controller.signal,
      onChunk: (chunk) => {
        if (chunk.type === 'delta') {
          firstTokenAt ??= performance.now();
          streams.get(columnId)?.append(chunk.text);
          dispatch({ type: 'delta', column: columnId, text: chunk.text }, false);
        } else if (chunk.type === 'usage') {
          completionTokens = chunk.completionTokens;
          const { promptTokens, totalTokens } = chunk;
          dispatch({ type: 'usage', column: columnId, usage: { promptTokens, completionTokens, totalTokens } }, false);
        } else dispatch({ type: 'notice', column: columnId, text: chunk.text });
      },
    })
    .then(finish, (error: unknown) => {
      if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError'))
        return finish({ ended: 'aborted' });
      inFlight.delete(columnId);
      streams.delete(columnId);
      dispatch({ type: 'fail', column: columnId, message: messageOf(error) });
    });
}

function renderAll(): void {
  const focused = document.activeElement?.id;
  streams.clear();
  const context = {
    renderer,
    connections,
    columnCount: state.columns.length,
    openParameters,
    dispatch,
    retry,
    streamInto: (column: number, stream: StreamingMarkdown) => streams.set(column, stream),
  };
  app.setAttribute('aria-busy', 'false');
  app.replaceChildren(
    toolbar(),
    element('div', { class: 'columns' }, ...state.columns.map((column, index) => columnView(column, index, context))),
    composer(),
  );
  if (focused) document.getElementById(focused)?.focus();
}

function toolbar(): HTMLElement {
  const add = element('vscode-button', { id: 'add-column', secondary: '', 'aria-label': 'Add a column' }, 'Add column');
  if (state.columns.length >= MAX_COLUMNS) add.setAttribute('disabled', '');
  add.addEventListener('click', () => dispatch({ type: 'addColumn' }));
  const clear = element('vscode-button', { secondary: '', 'aria-label': 'Clear all conversations' }, 'Clear');
  if (isBusy(state)) clear.setAttribute('disabled', '');
  clear.addEventListener('click', () => dispatch({ type: 'clearConversation' }));
  const refresh = element('vscode-button', { secondary: '', 'aria-label': 'List the models again' }, 'Refresh models');
  refresh.addEventListener('click', () => void loadModels(true));
  return element('header', { class: 'toolbar' }, element('h1', {}, 'Playground'), add, clear, refresh);
}

function composer(): HTMLElement {
  const input = element('textarea', {
    id: 'prompt',
    rows: '3',
    'aria-label': 'Message to send to every column',
    placeholder: 'Message (Enter sends, Shift+Enter for a new line)',
  }) as HTMLTextAreaElement;
  input.value = state.draft;
  input.addEventListener('input', () => dispatch({ type: 'setDraft', text: input.value }, false));
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send(input.value);
  });
  const busy = isBusy(state);
  const sendButton = element('vscode-button', { id: 'send', 'aria-label': 'Send to every column' }, 'Send');
  if (busy) sendButton.setAttribute('disabled', '');
  sendButton.addEventListener('click', () => send(input.value));
  const stop = element('vscode-button', { id: 'stop', secondary: '', 'aria-label': 'Stop every reply' }, 'Stop');
  if (!busy) stop.setAttribute('disabled', '');
  stop.addEventListener('click', stopAll);
  return element('footer', { class: 'composer' }, input, element('div', { class: 'actions' }, sendButton, stop));
}

renderAll();
void loadModels(false);
