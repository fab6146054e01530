import type { ExampleEdit } from '../../src/protocol/conversations';
import type { JsonPath, MessageView } from '../../src/core/conversations/exampleView';

/** The roles a message's role picker offers, with the message's own first when it is another one. */
export const ROLES: readonly string[] = ['system', 'user', 'assistant', 'tool'];

export function roleChoices(current: string): readonly string[] {
  return current === '' || ROLES.includes(current) ? ROLES : [current, ...ROLES];
}

/** Where a message sits: the JSON array holding it, its index there, and how many messages that array has. */
export interface MessagePlace {
  readonly list: JsonPath;
  readonly index: number;
  readonly length: number;
}

/** A message's place from its path (the list is the path without its last element), or undefined when not in one. */
export function placeOf(message: MessageView, length: number): MessagePlace | undefined {
  const index = message.path[message.path.length - 1];
  return typeof index === 'number' ? { list: message.path.slice(0, -1), index, length } : undefined;
}

/**
 * The text a message's Edit button edits: its first text part, or, when it has no parts at all (content null or
 * missing), its `content` (which setText creates). Undefined when its parts are images or other parts only.
 */
export function editableText(message: MessageView): { path: JsonPath; text: string } | undefined {
  const text = message.parts.find((part) => part.kind === 'text');
  if (text) return { path: text.path, text: text.text };
  return message.parts.length === 0 ? { path: [...message.path, 'content'], text: '' } : undefined;
}

export function setText(path: JsonPath, text: string): ExampleEdit {
  return { kind: 'setText', path, text };
}

export function setRole(message: MessageView, role: string): ExampleEdit {
  return { kind: 'setRole', message: message.path, role };
}

/** Weight 0 (not learned) back to 1, anything else to 0. */
export function toggleWeight(message: MessageView): ExampleEdit {
  return { kind: 'setWeight', message: message.path, weight: message.dimmed ? 1 : 0 };
}

/** The role a message inserted after this one most likely has: the other side of the conversation. */
export function nextRole(role: string): string {
  return role === 'user' || role === 'system' || role === 'tool' ? 'assistant' : 'user';
}

export function insertAfter(message: MessageView, place: MessagePlace): ExampleEdit {
  return { kind: 'insertMessage', list: place.list, index: place.index + 1, role: nextRole(message.role), text: '' };
}

export function deleteMessage(place: MessagePlace): ExampleEdit {
  return { kind: 'deleteMessage', list: place.list, index: place.index };
}

/** Up (-1) or down (1); undefined at the list's end. */
export function moveMessage(place: MessagePlace, direction: -1 | 1): ExampleEdit | undefined {
  const to = place.index + direction;
  if (to < 0 || to >= place.length) return undefined;
  return { kind: 'moveMessage', list: place.list, from: place.index, to };
}
