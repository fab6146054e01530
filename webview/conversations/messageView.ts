// The messages of an example as a card shows them: each with its head (role, or a role picker, and badges), its
// parts, its tool calls, and the controls that edit, weigh, move, insert and delete messages.
import type { JsonPath, MessageView } from '../../src/core/conversations/exampleView';
import { element } from '../shared/dom';
import { button, icon } from './cardControls';
import { isEditing, type CardBuild } from './cardContext';
import {
  deleteMessage,
  editableText,
  insertAfter,
  moveMessage,
  placeOf,
  roleChoices,
  setRole,
  toggleWeight,
  type MessagePlace,
} from './messageEdits';
import { partView } from './partView';
import { editorView } from './textBlockView';

/**
 * A group of messages that share one JSON array. `emptyList` is where an empty group's first message goes, when the
 * group can take one.
 */
export function messageList(
  messages: readonly MessageView[],
  line: number,
  context: CardBuild,
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

function messageView(
  message: MessageView,
  place: MessagePlace | undefined,
  line: number,
  context: CardBuild,
): HTMLElement {
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

function messageHead(message: MessageView, place: MessagePlace | undefined, context: CardBuild): HTMLElement {
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

function rolePicker(message: MessageView, place: MessagePlace | undefined, context: CardBuild): HTMLElement {
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

function messageControls(message: MessageView, place: MessagePlace | undefined, context: CardBuild): HTMLElement {
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

/** A role as a class name part: roles are free text in a dataset. */
function safeClass(role: string): string {
  return role.replace(/[^a-z0-9-]/gi, '_') || 'none';
}
