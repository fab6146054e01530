import type { Findings, JsonPath } from '../findings';
import { typeName, type JsonObject } from '../jsonValue';
import type { ExampleState } from './exampleState';
import { checkMessage, type Role } from './messages';

/** What the example-level checks need to know about a checked conversation. */
export interface ConversationSummary {
  readonly hasAssistant: boolean;
  /** Role of the last message; undefined when that message's role is unusable (already reported). */
  readonly lastRole: Role | undefined;
  readonly count: number;
}

/**
 * Returns `owner.messages` when it is a non-empty array; otherwise reports why not. `owner` sits at `ownerPath`
 * (empty for the example itself, whose missing list is reported on the whole line).
 */
export function messagesOf(owner: JsonObject, ownerPath: JsonPath, findings: Findings): readonly unknown[] | undefined {
  const messages = owner['messages'];
  if (messages === undefined || messages === null) {
    const where = ownerPath.length === 0 ? 'Example' : `"${String(ownerPath[ownerPath.length - 1])}"`;
    findings.add(
      'ft.missing-messages',
      `${where} has no "messages" list`,
      ownerPath,
      ownerPath.length === 0 ? 'line' : 'key',
    );
    return undefined;
  }
  if (!Array.isArray(messages)) {
    findings.add('ft.data-type', `"messages" must be an array of messages, not ${typeName(messages)}`, [
      ...ownerPath,
      'messages',
    ]);
    return undefined;
  }
  if (messages.length === 0) {
    findings.add('ft.missing-messages', '"messages" is empty', [...ownerPath, 'messages']);
    return undefined;
  }
  return messages as readonly unknown[];
}

/** Checks every message of a conversation at `path` and the order of turns. */
export function checkConversation(
  messages: readonly unknown[],
  path: JsonPath,
  findings: Findings,
  state: ExampleState,
): ConversationSummary {
  let previous: Role | undefined;
  let role: Role | undefined;
  let hasAssistant = false;
  for (let i = 0; i < messages.length; i++) {
    role = checkMessage(messages[i], path, i, findings, state);
    if (role === 'assistant') hasAssistant = true;
    // Several tool results in a row answer parallel calls; that is normal.
    if (role !== undefined && role === previous && role !== 'tool' && role !== 'function') {
      findings.add(
        'ft.consecutive-role',
        `Two ${role} messages in a row; merge them or add the missing turn between them`,
        [...path, i, 'role'],
      );
    }
    previous = role;
  }
  return { hasAssistant, lastRole: role, count: messages.length };
}
