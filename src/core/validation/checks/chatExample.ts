import { quote, type Findings } from '../findings';
import type { JsonObject } from '../jsonValue';
import { checkConversation, messagesOf } from './conversation';
import { newExampleState } from './exampleState';
import { checkToolFields, checkTools } from './toolDefinitions';

function isChatKey(key: string): boolean {
  return key === 'messages' || key === 'tools' || key === 'parallel_tool_calls' || key === 'functions';
}

/** Checks a chat (supervised fine-tuning) example: a conversation the model learns the assistant turns of. */
export function checkChatExample(value: JsonObject, findings: Findings): void {
  for (const key in value) {
    if (!isChatKey(key)) {
      findings.add(
        'ft.unknown-key',
        `Unknown top-level key ${quote(key)}; chat examples have messages, tools, parallel_tool_calls and functions`,
        [key],
        'key',
      );
    }
  }
  checkToolFields(value, [], findings);
  const messages = messagesOf(value, [], findings);
  if (messages === undefined) return;
  const summary = checkConversation(messages, ['messages'], findings, newExampleState());
  if (!summary.hasAssistant) {
    findings.add('ft.missing-assistant', 'Example has no assistant message to learn from', ['messages'], 'key');
  } else if (summary.lastRole !== undefined && summary.lastRole !== 'assistant') {
    findings.add(
      'ft.last-not-assistant',
      `Conversation ends with a ${summary.lastRole} message; the model learns the assistant turns, so examples usually end with one`,
      ['messages', summary.count - 1],
    );
  }
}

/**
 * Checks a reinforcement fine-tuning example: a conversation ending in a user turn (the model writes the answer)
 * plus any reference fields the grader reads. Returns the names of those fields.
 */
export function checkRftExample(value: JsonObject, findings: Findings): string[] {
  const referenceKeys: string[] = [];
  for (const key in value) if (key !== 'messages' && key !== 'tools') referenceKeys.push(key);
  if ('tools' in value) checkTools(value['tools'], ['tools'], findings);
  const messages = messagesOf(value, [], findings);
  if (messages === undefined) return referenceKeys;
  const summary = checkConversation(messages, ['messages'], findings, newExampleState());
  if (summary.lastRole !== undefined && summary.lastRole !== 'user') {
    findings.add(
      'ft.rft-last-message',
      `RFT examples must end with a user message (the model writes the answer); this one ends with a ${summary.lastRole} message`,
      ['messages', summary.count - 1],
    );
  }
  return referenceKeys;
}
