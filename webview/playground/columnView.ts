// One column of the playground: its model picker, parameters and conversation. Builds DOM from state; text is set
// with textContent, model output only through the shared (sanitising) markdown renderer.
import type { ConnectionModels } from '../../src/protocol/playground';
import { element, formatCount } from '../shared/dom';
import { placeChildren, type KeptParts } from '../shared/keptParts';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { formatMetrics } from './metrics';
import { parseNumber, parseStops } from './parameterText';
import type { MessageViews, ReplyDom } from './messageViews';
import type { Action, Column, ColumnParameters, Reply } from './state';

/** A reply being readied for Save to dataset: its message index and the (editable) text. */
export interface ReplyDraft {
  index: number;
  text: string;
}

export interface ColumnViewContext {
  readonly renderer: MarkdownRenderer;
  readonly connections: readonly ConnectionModels[];
  /** Changes whenever `connections` does (the kept controls' keys name it). */
  readonly connectionsVersion: number;
  /** The column's controls, built again only when what they show changed. */
  readonly parts: KeptParts;
  readonly columnCount: number;
  /** Columns whose parameters are shown: kept across renders, which rebuild the DOM. */
  readonly openParameters: Set<number>;
  /** Changes state; `render` false for edits whose input keeps focus (the DOM already shows them). */
  dispatch(action: Action, render?: boolean): void;
  retry(column: number): void;
  /** The conversations' DOM, kept between renders. */
  readonly messages: MessageViews;
  /** Blind compare before the vote: the column is shown as "Model A" / "Model B", with no model name or settings. */
  readonly blindLabel: string | undefined;
  /** Whether a reply is streaming in any column (columns cannot be removed then). */
  readonly busy: boolean;
  /** Replies being readied for Save to dataset, by column id: kept across renders, which rebuild the DOM. */
  readonly replyDrafts: Map<number, ReplyDraft>;
  /** The handlers below take the column as it was drawn and act on its current state (looked up by id). */
  saveReply(column: Column, draft: ReplyDraft): void;
  viewCode(column: Column): void;
  /** Draws everything again from state (after a view-only change such as opening the save box). */
  rerender(): void;
  setStreaming(column: Column, streaming: boolean): void;
}

/**
 * Draws a column into its section, which is kept between renders: the head and parameters are kept while what they
 * show is unchanged (see KeptParts), the conversation element stays attached and is patched (see MessageViews).
 */
export function columnView(column: Column, index: number, context: ColumnViewContext, section: HTMLElement): void {
  const blind = context.blindLabel !== undefined;
  const label = context.blindLabel ?? `Column ${index + 1}`;
  section.className = blind ? 'column blind' : 'column';
  section.setAttribute('aria-label', label);
  section.dataset.column = String(column.id);
  const { parts, connectionsVersion } = context;
  const head = blind
    ? parts.part(`head:${column.id}`, `blind ${label}`, () =>
        element('div', { class: 'column-head' }, element('h2', {}, label)),
      )
    : parts.part(
        `head:${column.id}`,
        JSON.stringify([label, column.connectionId, column.model, connectionsVersion]),
        () => columnHead(column, label, context),
      );
  // Toggled, not built again: a send starting or ending changes only this (see syncToolbar).
  head?.querySelector('.remove-column')?.toggleAttribute('disabled', context.columnCount <= 1 || context.busy);
  const parameters = blind
    ? undefined
    : parts.part(
        `parameters:${column.id}`,
        JSON.stringify([
          label,
          column.connectionId,
          column.model,
          column.mode,
          column.template,
          column.parameters,
          context.openParameters.has(column.id),
          connectionsVersion,
        ]),
        () => parametersView(column, label, context),
      );
  const conversation = conversationView(column, context);
  placeChildren(
    section,
    [head, parameters, conversation].filter((part) => part !== undefined),
  );
}

/** The column's conversation, patched to its messages (also drawn alone, right after a send: see main.ts). */
export function conversationView(column: Column, context: ColumnViewContext): HTMLElement {
  return context.messages.conversation(column.id, column.messages, (dom, reply, at) =>
    drawReply(dom, column, reply, at, context),
  );
}

function columnHead(column: Column, label: string, context: ColumnViewContext): HTMLElement {
  const remove = element(
    'vscode-button',
    { class: 'remove-column', secondary: '', 'aria-label': `Remove ${label}`, title: 'Remove column' },
    'Remove',
  );
  remove.addEventListener('click', () => context.dispatch({ type: 'removeColumn', column: column.id }));
  const code = element(
    'vscode-button',
    { secondary: '', 'aria-label': `View the code of ${label}’s request`, title: 'View code' },
    'View code',
  );
  code.addEventListener('click', () => context.viewCode(column));
  return element('div', { class: 'column-head' }, modelPicker(column, label, context), code, remove);
}

function modelPicker(column: Column, label: string, context: ColumnViewContext): HTMLElement {
  const connection = element('select', {
    id: `connection-${column.id}`,
    class: 'connection',
    'aria-label': `${label} connection`,
  }) as HTMLSelectElement;
  if (context.connections.length === 0) connection.append(element('option', { value: '' }, 'No connections'));
  for (const entry of context.connections) {
    const option = element('option', { value: entry.connectionId }, entry.connectionName) as HTMLOptionElement;
    option.selected = entry.connectionId === column.connectionId;
    connection.append(option);
  }
  const listId = `models-${column.id}`;
  const models = element('datalist', { id: listId });
  const current = context.connections.find((entry) => entry.connectionId === column.connectionId);
  for (const id of current?.models ?? []) {
    const shutdown = current?.shutdowns[id];
    models.append(element('option', shutdown ? { value: id, label: shutdown } : { value: id }));
  }
  const model = element('input', {
    id: `model-${column.id}`,
    class: 'model',
    list: listId,
    'aria-label': `${label} model`,
    placeholder: 'Model id',
    spellcheck: 'false',
  }) as HTMLInputElement;
  model.value = column.model;
  connection.addEventListener('change', () => {
    const next = context.connections.find((entry) => entry.connectionId === connection.value);
    const keep = next?.models.includes(column.model) ?? false;
    context.dispatch({
      type: 'setModel',
      column: column.id,
      connectionId: connection.value,
      model: keep ? column.model : (next?.models[0] ?? ''),
    });
  });
  // Free text: any id the server knows, also one it does not list.
  model.addEventListener('input', () =>
    context.dispatch(
      { type: 'setModel', column: column.id, connectionId: column.connectionId, model: model.value },
      false,
    ),
  );
  const parts: HTMLElement[] = [connection, model, models];
  if (current?.error) parts.push(element('p', { class: 'error', role: 'alert' }, current.error));
  const shutdown = current?.shutdowns[column.model.trim()];
  if (shutdown) parts.push(element('p', { class: 'notice shutdown' }, shutdown));
  return element('div', { class: 'picker' }, ...parts);
}

type NumberField = Exclude<keyof ColumnParameters, 'systemPrompt' | 'stop'>;
const numberFields: { key: NumberField; label: string; step: string; integer?: boolean }[] = [
  { key: 'temperature', label: 'Temperature', step: '0.1' },
  { key: 'topP', label: 'Top P', step: '0.05' },
  { key: 'maxTokens', label: 'Max tokens', step: '1', integer: true },
  { key: 'seed', label: 'Seed', step: '1', integer: true },
  { key: 'presencePenalty', label: 'Presence penalty', step: '0.1' },
  { key: 'frequencyPenalty', label: 'Frequency penalty', step: '0.1' },
];

function parametersView(column: Column, label: string, context: ColumnViewContext): HTMLElement {
  const set = (parameters: Partial<ColumnParameters>) =>
    context.dispatch({ type: 'setParameters', column: column.id, parameters }, false);
  const system = element('textarea', {
    id: `system-${column.id}`,
    rows: '2',
    'aria-label': `${label} system prompt`,
    placeholder: 'System prompt',
  }) as HTMLTextAreaElement;
  system.value = column.parameters.systemPrompt;
  system.addEventListener('input', () => set({ systemPrompt: system.value }));
  const fields = numberFields.map(({ key, label: name, step, integer }) => {
    const input = element('input', {
      id: `${key}-${column.id}`,
      type: 'number',
      step,
      placeholder: 'default',
      'aria-label': `${label} ${name}`,
    }) as HTMLInputElement;
    const value = column.parameters[key];
    input.value = value === undefined ? '' : String(value);
    input.addEventListener('input', () => set({ [key]: parseNumber(input.value, integer === true) }));
    return element('label', {}, name, input);
  });
  const stop = element('input', {
    id: `stop-${column.id}`,
    'aria-label': `${label} stop sequences`,
    placeholder: 'comma-separated, up to 4',
  }) as HTMLInputElement;
  stop.value = column.parameters.stop.map((sequence) => sequence.replace(/\n/g, '\\n')).join(', ');
  stop.addEventListener('input', () => set({ stop: parseStops(stop.value) }));
  const mode = element('select', { id: `mode-${column.id}`, 'aria-label': `${label} mode` }) as HTMLSelectElement;
  for (const [value, text] of [
    ['chat', 'Chat'],
    ['completion', 'Completion (prompt template)'],
  ] as const) {
    const option = element('option', { value }, text) as HTMLOptionElement;
    option.selected = column.mode === value;
    mode.append(option);
  }
  mode.addEventListener('change', () =>
    context.dispatch({ type: 'setMode', column: column.id, mode: mode.value === 'completion' ? 'completion' : 'chat' }),
  );
  const streaming = element('input', {
    id: `streaming-${column.id}`,
    type: 'checkbox',
    'aria-label': `${label} streams its replies`,
  }) as HTMLInputElement;
  const connection = context.connections.find((entry) => entry.connectionId === column.connectionId);
  streaming.checked = !(connection?.nonStreaming.includes(column.model.trim()) ?? false);
  streaming.disabled = column.model.trim() === '';
  streaming.addEventListener('change', () => context.setStreaming(column, streaming.checked));
  const prompt =
    column.mode === 'chat'
      ? element('label', { class: 'wide' }, 'System prompt', system)
      : templateField(column, label, context);
  const details = element(
    'details',
    { class: 'parameters' },
    element('summary', {}, column.mode === 'chat' ? 'Parameters' : 'Parameters (completion mode)'),
    element(
      'div',
      { class: 'mode-row' },
      element('label', {}, 'Mode', mode),
      element(
        'label',
        { class: 'inline', title: 'Off for servers that cannot stream this model' },
        streaming,
        'Stream replies',
      ),
    ),
    prompt,
    element('div', { class: 'fields' }, ...fields, element('label', {}, 'Stop sequences', stop)),
  );
  if (context.openParameters.has(column.id)) details.setAttribute('open', '');
  details.addEventListener('toggle', () => {
    if ((details as HTMLDetailsElement).open) context.openParameters.add(column.id);
    else context.openParameters.delete(column.id);
  });
  return details;
}

/** Completion mode's prompt template; `\n` shown and typed as an escape, like stop sequences. */
function templateField(column: Column, label: string, context: ColumnViewContext): HTMLElement {
  const template = element('input', {
    id: `template-${column.id}`,
    'aria-label': `${label} prompt template`,
    spellcheck: 'false',
  }) as HTMLInputElement;
  template.value = column.template.replace(/\n/g, '\\n');
  const problem = element('p', { class: 'error', role: 'alert' });
  const check = () => {
    problem.textContent = template.value.includes('{question}') ? '' : 'The template must contain {question}.';
  };
  check();
  template.addEventListener('input', () => {
    check();
    context.dispatch({ type: 'setTemplate', column: column.id, template: template.value.replace(/\\n/g, '\n') }, false);
  });
  return element(
    'label',
    { class: 'wide' },
    'Prompt template ({question} is each message; the chat so far is rebuilt into it every turn)',
    template,
    problem,
  );
}

/** What each reply's extras were drawn from (see drawReply). */
const extrasKeys = new WeakMap<HTMLElement, string>();

/** A reply's state, status line and buttons, drawn again only when one of them changed; its text is MessageViews'. */
function drawReply(dom: ReplyDom, column: Column, reply: Reply, index: number, context: ColumnViewContext): void {
  const last = index === column.messages.length - 1;
  const editing = context.replyDrafts.get(column.id)?.index === index;
  const { status, notices, error, finishReason, metrics, usage } = reply;
  const key = JSON.stringify([status, notices, error, finishReason, metrics, usage, reply.text !== '', last, editing]);
  const drawnKey = `${context.blindLabel ?? ''} ${key}`;
  if (extrasKeys.get(dom.extras) === drawnKey) return;
  extrasKeys.set(dom.extras, drawnKey);
  const parts: HTMLElement[] = [];
  for (const notice of reply.notices) parts.push(element('p', { class: 'notice', role: 'status' }, notice));
  const statusText = statusLine(reply);
  if (statusText !== '') parts.push(element('p', { class: 'status' }, statusText));
  if (reply.status === 'error')
    parts.push(element('p', { class: 'error', role: 'alert' }, reply.error ?? 'The request failed.'));
  if (last && ['error', 'stalled', 'stopped', 'incomplete'].includes(reply.status)) {
    const retry = element('vscode-button', { secondary: '', 'aria-label': 'Retry this reply' }, 'Retry');
    retry.addEventListener('click', () => context.retry(column.id));
    parts.push(retry);
  }
  if (context.blindLabel === undefined && ['done', 'incomplete'].includes(reply.status) && reply.text !== '')
    parts.push(saveControls(column, reply, index, context));
  dom.wrapper.className = `message assistant ${reply.status}`;
  dom.wrapper.setAttribute('aria-busy', String(reply.status === 'streaming'));
  dom.extras.replaceChildren(...parts);
}

function statusLine(reply: Reply): string {
  const parts: string[] = [];
  if (reply.status === 'streaming') parts.push('Streaming…');
  if (reply.status === 'incomplete') parts.push('Incomplete: the stream ended without a finish reason');
  if (reply.status === 'stopped') parts.push('Stopped');
  if (reply.finishReason !== undefined && reply.finishReason !== 'stop')
    parts.push(`finish reason: ${reply.finishReason}`);
  const metrics = reply.metrics ? formatMetrics(reply.metrics) : '';
  if (metrics !== '') parts.push(metrics);
  if (reply.usage)
    parts.push(
      `tokens: ${formatCount(reply.usage.promptTokens)} in, ${formatCount(reply.usage.completionTokens)} out, ${formatCount(reply.usage.totalTokens)} total`,
    );
  return parts.join(' · ');
}

/** Save to dataset: the reply's text in an editable box first, so a better version can be saved instead. */
function saveControls(column: Column, reply: Reply, index: number, context: ColumnViewContext): HTMLElement {
  const draft = context.replyDrafts.get(column.id);
  if (draft?.index !== index) {
    const save = element(
      'vscode-button',
      { secondary: '', 'aria-label': 'Save this reply to a dataset' },
      'Save to dataset',
    );
    save.addEventListener('click', () => {
      context.replyDrafts.set(column.id, { index, text: reply.text });
      context.rerender();
    });
    return element('div', { class: 'reply-actions' }, save);
  }
  const text = element('textarea', {
    class: 'reply-edit',
    rows: '6',
    'aria-label': 'Reply to save (edit it first if you like)',
  }) as HTMLTextAreaElement;
  text.value = draft.text;
  text.addEventListener('input', () => (draft.text = text.value));
  const save = element('vscode-button', { 'aria-label': 'Save the example' }, 'Save example');
  save.addEventListener('click', () => context.saveReply(column, draft));
  const cancel = element('vscode-button', { secondary: '', 'aria-label': 'Cancel saving' }, 'Cancel');
  cancel.addEventListener('click', () => {
    context.replyDrafts.delete(column.id);
    context.rerender();
  });
  return element('div', { class: 'reply-save' }, text, element('div', { class: 'reply-actions' }, save, cancel));
}
