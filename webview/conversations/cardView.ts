// One example of the Conversations view as a card: its line, tokens, problems and actions, then the example as a chat.
// Text goes in with textContent or through the shared sanitising markdown renderer; an image is shown only from a
// data: URL, and a remote image's URL only as text, so nothing in a dataset makes the page load anything.
import type { ConversationRow, ExampleAction, ExampleEdit, RowProblem } from '../../src/protocol/conversations';
import type {
  ExampleView,
  ImagePart,
  JsonPath,
  MessageView,
  PartView,
  TextPart,
} from '../../src/core/conversations/exampleView';
import { element, formatCount } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import {
  deleteMessage,
  editableText,
  insertAfter,
  moveMessage,
  placeOf,
  roleChoices,
  setRole,
  setText,
  toggleWeight,
  type MessagePlace,
} from './messageEdits';

/** Longer texts show their start and a button to show them whole: a 50 KB message would stall a scrolling frame. */
export const TEXT_PREVIEW = 3000;
/**
 * Characters of markdown one card renders; its later texts show as plain text. Rendering costs far more than plain
 * text, and a chat of a hundred long turns must not cost one frame more than a budget of its own.
 */
export const CARD_MARKDOWN_BUDGET = 10_000;

/** The text being edited, and the draft typed so far. */
export interface TextEditing {
  readonly line: number;
  readonly path: JsonPath;
  readonly draft: string;
}

/** What a card's controls do; bound to its row by the page. */
export interface CardActions {
  act(action: ExampleAction): void;
  edit(edit: ExampleEdit): void;
  startEditing(path: JsonPath, text: string): void;
  setDraft(text: string): void;
  cancelEditing(): void;
  /** Shows a long text whole. */
  expand(key: string): void;
  select(): void;
}

export interface CardContext {
  readonly renderer: MarkdownRenderer;
  /** Message text as typed (pre-wrap) instead of rendered markdown. */
  readonly plain: boolean;
  readonly tokenLimit: number | undefined;
  /** Editing controls are left out. */
  readonly readOnly: boolean;
  readonly selected: boolean;
  /** Position in the filtered list and its length, for screen readers. */
  readonly matches: number;
  readonly editing: TextEditing | undefined;
  /** The last edit or action on this example that failed. */
  readonly error: string | undefined;
  /** Keys (see textKey) of long texts shown whole. */
  readonly expanded: ReadonlySet<string>;
  readonly actions: CardActions;
}

export function textKey(line: number, path: JsonPath): string {
  return `${line}:${path.join('/')}`;
}

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** A card's context while it is built: with what is left of its markdown budget. */
type Build = CardContext & { readonly budget: { markdownLeft: number } };

export function cardView(row: ConversationRow, cardContext: CardContext): HTMLElement {
  const context: Build = { ...cardContext, budget: { markdownLeft: CARD_MARKDOWN_BUDGET } };
  const card = element('div', {
    class: context.selected ? 'card selected' : 'card',
    role: 'listitem',
    'aria-selected': String(context.selected),
    'aria-posinset': String(row.position + 1),
    'aria-setsize': String(context.matches),
    'aria-label': `Line ${row.line + 1}`,
    'data-position': String(row.position),
    'data-line': String(row.line),
  });
  // Selection is marked in place (no card is built again), so a click in a control may select too.
  card.addEventListener('click', () => context.actions.select());
  card.append(header(row, context));
  if (context.error !== undefined) card.append(element('p', { class: 'card-error', role: 'alert' }, context.error));
  card.append(body(row.view, row.line, context));
  return card;
}

/** A light stand-in while a row loads, as tall as the row is thought to be. */
export function placeholderView(position: number, matches: number, height: number): HTMLElement {
  const placeholder = element(
    'div',
    {
      class: 'card placeholder',
      role: 'listitem',
      'aria-busy': 'true',
      'aria-posinset': String(position + 1),
      'aria-setsize': String(matches),
    },
    'Loading…',
  );
  placeholder.style.height = `${height}px`;
  return placeholder;
}

function header(row: ConversationRow, context: Build): HTMLElement {
  const parts: HTMLElement[] = [element('span', { class: 'line-number' }, `Line ${formatCount(row.line + 1)}`)];
  const tokens = tokensView(row.tokens, context.tokenLimit);
  if (tokens) parts.push(tokens);
  const problems = row.problems.map((problem) => problemBadge(problem, context));
  if (problems.length > 0) parts.push(element('span', { class: 'problems' }, ...problems));
  parts.push(exampleActions(row, context));
  return element('div', { class: 'card-head' }, ...parts);
}

function tokensView(tokens: number | undefined, limit: number | undefined): HTMLElement | undefined {
  if (tokens === undefined) return undefined;
  const over = limit !== undefined && tokens > limit;
  const text =
    limit === undefined ? `${formatCount(tokens)} tokens` : `${formatCount(tokens)} / ${formatCount(limit)} tokens`;
  const attributes: Record<string, string> = { class: over ? 'tokens over' : 'tokens' };
  if (over) attributes.title = 'More tokens than the model takes in one example';
  return element('span', attributes, text);
}

const SEVERITY_ICONS: Readonly<Record<RowProblem['severity'], string>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  hint: 'lightbulb',
};

function problemBadge(problem: RowProblem, context: Build): HTMLElement {
  const badge = element(
    'button',
    {
      type: 'button',
      class: `problem ${problem.severity}`,
      title: `${problem.message} (show in text)`,
      'aria-label': `${problem.severity} ${problem.code}: ${problem.message}. Show in text`,
    },
    icon(SEVERITY_ICONS[problem.severity]),
    element('span', { class: 'problem-code' }, problem.code),
    element('span', { class: 'problem-message' }, problem.message),
  );
  badge.addEventListener('click', () => context.actions.act('showInText'));
  return badge;
}

function exampleActions(row: ConversationRow, context: Build): HTMLElement {
  const line = `line ${row.line + 1}`;
  const actions: [ExampleAction, string, string, string][] = [
    ['openInPlayground', 'comment-discussion', 'Playground', `Open ${line} in the playground`],
    ['showInText', 'go-to-file', 'Text', `Show ${line} in the text editor`],
  ];
  if (!context.readOnly)
    actions.push(
      ['duplicate', 'copy', 'Duplicate', `Duplicate ${line}`],
      ['delete', 'trash', 'Delete', `Delete ${line}`],
    );
  const buttons = actions.map(([action, codicon, text, label]) =>
    button(icon(codicon), text, label, () => context.actions.act(action), `action-${action}`),
  );
  return element('span', { class: 'card-actions' }, ...buttons);
}

function body(view: ExampleView, line: number, context: Build): HTMLElement {
  const parts: HTMLElement[] = [];
  switch (view.kind) {
    case 'chat':
      parts.push(messageList(view.messages, line, context, ['messages']));
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      if (view.extras !== undefined) parts.push(jsonDetails('Other fields', view.extras));
      break;
    case 'rft':
      parts.push(messageList(view.messages, line, context, ['messages']));
      if (view.reference !== undefined) parts.push(jsonDetails('Reference (grader fields)', view.reference));
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      break;
    case 'preference':
      parts.push(messageList(view.input, line, context, undefined));
      parts.push(
        element(
          'div',
          { class: 'sides' },
          element(
            'section',
            { class: 'side preferred', 'aria-label': 'Preferred' },
            element('h3', {}, 'Preferred'),
            messageList(view.preferred, line, context, undefined),
          ),
          element(
            'section',
            { class: 'side non-preferred', 'aria-label': 'Non-preferred' },
            element('h3', {}, 'Non-preferred'),
            messageList(view.nonPreferred, line, context, undefined),
          ),
        ),
      );
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      break;
    case 'completion':
      parts.push(
        element(
          'div',
          { class: 'message completion-prompt' },
          element('div', { class: 'message-head' }, element('span', { class: 'role' }, 'Prompt')),
          textBlock(view.prompt, line, context),
        ),
        element(
          'div',
          { class: 'message completion' },
          element('div', { class: 'message-head' }, element('span', { class: 'role' }, 'Completion')),
          textBlock(view.completion, line, context),
        ),
      );
      break;
    case 'unreadable':
      parts.push(
        element('p', { class: 'unreadable' }, icon('warning'), `Cannot show this line as an example: ${view.reason}`),
        element('pre', { class: 'raw' }, view.text),
      );
      break;
    case 'blank':
      parts.push(element('p', { class: 'blank' }, 'Blank line'));
      break;
  }
  return element('div', { class: 'card-body' }, ...parts);
}

/**
 * A group of messages that share one JSON array. `emptyList` is where an empty group's first message goes, when the
 * group can take one.
 */
function messageList(
  messages: readonly MessageView[],
  line: number,
  context: Build,
  emptyList: JsonPath | undefined,
): HTMLElement {
  const list = element('div', { class: 'messages' });
  for (const message of messages) list.append(messageView(message, placeOf(message, messages.length), line, context));
  if (messages.length === 0) {
    list.append(element('p', { class: 'empty' }, 'No messages'));
    if (emptyList && !context.readOnly) {
      const add = button(
        icon('add'),
        'Add message',
        'Add a first message',
        () => context.actions.edit({ kind: 'insertMessage', list: emptyList, index: 0, role: 'user', text: '' }),
        'add-first',
      );
      list.append(add);
    }
  }
  return list;
}

function messageView(message: MessageView, place: MessagePlace | undefined, line: number, context: Build): HTMLElement {
  const role = message.role === '' ? 'no role' : message.role;
  const classes = ['message', `role-${safeClass(message.role)}`];
  if (message.dimmed) classes.push('dimmed');
  const view = element('div', { class: classes.join(' '), role: 'group', 'aria-label': `${role} message` });
  view.append(messageHead(message, place, context));
  for (const part of message.parts) view.append(partView(part, line, context));
  const editable = editableText(message);
  if (message.parts.length === 0 && editable && isEditing(context, line, editable.path))
    view.append(editorView(context.editing!, context));
  for (const call of message.toolCalls ?? []) {
    const head = element('div', { class: 'tool-call-head' }, icon('tools'), element('span', {}, call.name));
    if (call.id !== undefined) head.append(element('code', { class: 'call-id' }, call.id));
    view.append(element('div', { class: 'tool-call' }, head, element('pre', {}, call.arguments)));
  }
  return view;
}

function messageHead(message: MessageView, place: MessagePlace | undefined, context: Build): HTMLElement {
  const head = element('div', { class: 'message-head' });
  const roleText = message.role === '' ? 'no role' : message.role;
  if (context.readOnly) head.append(element('span', { class: 'role' }, roleText));
  else head.append(rolePicker(message, place, context));
  if (message.name !== undefined) head.append(element('span', { class: 'name' }, message.name));
  if (message.toolCallId !== undefined)
    head.append(element('span', { class: 'tool-result' }, 'result of ', element('code', {}, message.toolCallId)));
  if (message.dimmed) head.append(element('span', { class: 'badge weight' }, 'weight 0'));
  if (!context.readOnly) head.append(messageControls(message, place, context));
  return head;
}

function rolePicker(message: MessageView, place: MessagePlace | undefined, context: Build): HTMLElement {
  const label = place ? `Role of message ${place.index + 1}` : 'Role';
  const select = element('select', { class: 'role-picker', 'aria-label': label }) as HTMLSelectElement;
  if (message.role === '') select.append(element('option', { value: '', disabled: '' }, 'no role'));
  for (const role of roleChoices(message.role)) select.append(element('option', { value: role }, role));
  select.value = message.role;
  select.addEventListener('change', () => {
    if (select.value !== '' && select.value !== message.role) context.actions.edit(setRole(message, select.value));
  });
  return select;
}

function messageControls(message: MessageView, place: MessagePlace | undefined, context: Build): HTMLElement {
  const controls = element('span', { class: 'message-controls' });
  const editable = editableText(message);
  if (editable)
    controls.append(
      button(
        icon('edit'),
        '',
        'Edit the text',
        () => context.actions.startEditing(editable.path, editable.text),
        'edit',
      ),
    );
  if (message.role === 'assistant') {
    const weight = button(
      icon(message.dimmed ? 'eye-closed' : 'eye'),
      '',
      message.dimmed ? 'Train on this turn (weight 1)' : 'Do not train on this turn (weight 0)',
      () => context.actions.edit(toggleWeight(message)),
      'weight',
    );
    weight.setAttribute('aria-pressed', String(message.dimmed));
    controls.append(weight);
  }
  if (place) {
    const up = moveMessage(place, -1);
    const down = moveMessage(place, 1);
    controls.append(
      button(icon('arrow-up'), '', 'Move up', () => up && context.actions.edit(up), 'move-up', up === undefined),
      button(icon('arrow-down'), '', 'Move down', () => down && context.actions.edit(down), 'move-down', !down),
      button(
        icon('add'),
        '',
        'Insert a message after',
        () => context.actions.edit(insertAfter(message, place)),
        'insert',
      ),
      button(icon('trash'), '', 'Delete the message', () => context.actions.edit(deleteMessage(place)), 'delete'),
    );
  }
  return controls;
}

function partView(part: PartView, line: number, context: Build): HTMLElement {
  if (part.kind === 'text') return textBlock(part, line, context);
  if (part.kind === 'image') return imageView(part);
  return element(
    'div',
    { class: 'other-part' },
    element('span', { class: 'part-type' }, part.type),
    element('pre', {}, part.json),
  );
}

function isEditing(context: Build, line: number, path: JsonPath): boolean {
  return context.editing !== undefined && context.editing.line === line && samePath(context.editing.path, path);
}

/** A text part: rendered or plain, shortened when long; its editor instead while it is edited. */
function textBlock(part: TextPart, line: number, context: Build): HTMLElement {
  if (isEditing(context, line, part.path)) return editorView(context.editing!, context);
  const key = textKey(line, part.path);
  const whole = part.text.length <= TEXT_PREVIEW || context.expanded.has(key);
  const text = whole ? part.text : part.text.slice(0, TEXT_PREVIEW);
  const plain = context.plain || text.length > context.budget.markdownLeft;
  const block = element('div', { class: plain ? 'text plain' : 'text' });
  if (plain) block.textContent = text;
  else {
    context.budget.markdownLeft -= text.length;
    // One block, one sanitiser pass: render() splits into blocks the way streaming must, which costs a pass each.
    block.append(context.renderer.renderBlock(text));
  }
  if (!context.readOnly) {
    block.title = 'Double-click to edit';
    block.addEventListener('dblclick', () => context.actions.startEditing(part.path, part.text));
  }
  if (whole) return block;
  const more = button(
    undefined,
    `Show all ${formatCount(part.text.length)} characters`,
    'Show the whole text',
    () => context.actions.expand(key),
    'expand',
  );
  return element('div', { class: 'long-text' }, block, more);
}

function editorView(editing: TextEditing, context: Build): HTMLElement {
  const area = element('textarea', {
    class: 'text-editor',
    rows: String(Math.min(20, Math.max(3, editing.draft.split('\n').length + 1))),
    'aria-label': 'Message text (Ctrl+Enter saves, Escape cancels)',
  }) as HTMLTextAreaElement;
  area.value = editing.draft;
  area.addEventListener('input', () => context.actions.setDraft(area.value));
  const save = () => context.actions.edit(setText(editing.path, area.value));
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      context.actions.cancelEditing();
    }
  });
  return element(
    'div',
    { class: 'editor' },
    area,
    element(
      'div',
      { class: 'editor-actions' },
      button(undefined, 'Save', 'Save the text (Ctrl+Enter)', save, 'save'),
      button(undefined, 'Cancel', 'Cancel editing (Escape)', () => context.actions.cancelEditing(), 'cancel'),
    ),
  );
}

/** A data: image as a thumbnail; anything else only named, never loaded. */
function imageView(part: ImagePart): HTMLElement {
  if (part.src !== undefined && /^data:image\//i.test(part.src)) {
    const image = element('img', { class: 'thumbnail', alt: 'Image in the example' }) as HTMLImageElement;
    image.src = part.src;
    const figure = element('figure', { class: 'image' }, image);
    if (part.detail !== undefined) figure.append(element('figcaption', {}, `detail: ${part.detail}`));
    return figure;
  }
  const text = element('div', { class: 'remote-image' }, icon('file-media'), 'remote image, not loaded');
  if (part.remote !== undefined) text.append(element('code', {}, part.remote));
  return text;
}

function jsonDetails(summary: string, json: string): HTMLElement {
  return element('details', { class: 'json' }, element('summary', {}, summary), element('pre', {}, json));
}

function icon(name: string): HTMLElement {
  return element('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function button(
  iconElement: HTMLElement | undefined,
  text: string,
  label: string,
  onClick: () => void,
  name: string,
  disabled = false,
): HTMLButtonElement {
  const node = element(
    'button',
    { type: 'button', class: text === '' ? 'icon-button' : 'text-button', 'aria-label': label, title: label },
    ...(iconElement ? [iconElement] : []),
    ...(text === '' ? [] : [element('span', {}, text)]),
  ) as HTMLButtonElement;
  node.dataset.control = name;
  node.disabled = disabled;
  node.addEventListener('click', onClick);
  return node;
}

/** A role as a class name part: roles are free text in a dataset. */
function safeClass(role: string): string {
  return role.replace(/[^a-z0-9-]/gi, '_') || 'none';
}
