import type { RecordConverter } from './jsonlConversion';
import type { ChatMessage, ChatRole } from './model';
import { isObject } from '../jsonl/jsonObject';

/** Serializes messages as one OpenAI chat JSONL line. */
export function chatLine(messages: readonly ChatMessage[]): string {
  return JSON.stringify({ messages });
}

/** Why built messages are no training example (no non-blank user or assistant message), or undefined when fine. */
export function trainingProblem(messages: readonly ChatMessage[]): string | undefined {
  let user = false;
  let assistant = false;
  for (const message of messages) {
    if (message.role === 'user' && message.content.trim() !== '') user = true;
    if (message.role === 'assistant' && message.content.trim() !== '') assistant = true;
  }
  if (!user) return 'no non-empty user message';
  if (!assistant) return 'no non-empty assistant message';
  return undefined;
}

const CHAT_ROLES: ReadonlySet<string> = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * Why a parsed line is not an OpenAI chat example, or undefined when it is one: a non-empty `messages` list of
 * objects with a known role and string or parts content (assistant tool calls may have none), with an assistant.
 */
export function chatRecordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  const messages = value['messages'];
  if (!Array.isArray(messages) || messages.length === 0) return 'no "messages" list';
  let assistant = false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (!isObject(message)) return `message ${i + 1} is not an object`;
    const role = message['role'];
    if (typeof role !== 'string' || !CHAT_ROLES.has(role)) return `message ${i + 1} has no known role`;
    const content = message['content'];
    const callsTools = message['tool_calls'] !== undefined || message['function_call'] !== undefined;
    const contentOk =
      typeof content === 'string' || Array.isArray(content) || (role === 'assistant' && callsTools && content == null);
    if (!contentOk) return `message ${i + 1} has no text content`;
    if (role === 'assistant') assistant = true;
  }
  return assistant ? undefined : 'no assistant message';
}

/** Messages read from a JSON list, plus the names of fields the plain role/content model does not keep. */
export interface TextMessages {
  readonly messages: ChatMessage[];
  readonly droppedFields: string[];
}

const TEXT_ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant']);

/**
 * Reads `[{role, content}]` with system/user/assistant roles and string content. Returns the reason as a string
 * when a message cannot be held as plain text (tool calls, other roles, content parts).
 */
export function readTextMessages(list: unknown, what = 'message'): TextMessages | string {
  if (!Array.isArray(list)) return `${what} list is not a list`;
  const messages: ChatMessage[] = [];
  const droppedFields: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const message: unknown = list[i];
    if (!isObject(message)) return `${what} ${i + 1} is not an object`;
    const { role, content } = message;
    if (message['tool_calls'] !== undefined || message['function_call'] !== undefined)
      return `${what} ${i + 1} has tool calls`;
    if (typeof role !== 'string' || !TEXT_ROLES.has(role)) {
      return `${what} ${i + 1} has role ${JSON.stringify(role)}; only system, user and assistant convert`;
    }
    if (typeof content !== 'string') return `${what} ${i + 1} content is not plain text`;
    for (const key of Object.keys(message)) {
      if (key !== 'role' && key !== 'content' && !droppedFields.includes(key)) droppedFields.push(key);
    }
    messages.push({ role: role as ChatRole, content });
  }
  return { messages, droppedFields };
}

/** Reads the `messages` of a chat example for an export; also names the top-level fields other than `messages`. */
export function readChatForExport(value: unknown): TextMessages | string {
  if (!isObject(value)) return 'not a JSON object';
  const read = readTextMessages(value['messages']);
  if (typeof read === 'string') return read;
  const problem = trainingProblem(read.messages);
  if (problem !== undefined) return problem;
  const topLevel = Object.keys(value).filter((key) => key !== 'messages');
  return { messages: read.messages, droppedFields: [...read.droppedFields, ...topLevel] };
}

/** Warns once per dropped field name that the target format has no place for it. */
export function warnDroppedFields(fields: readonly string[], target: string, warn: (message: string) => void): void {
  for (const field of fields) warn(`dropped field "${field}": ${target} has no place for it`);
}

/** OpenAI chat (or TRL `messages`, the same shape) → OpenAI chat: valid lines are copied byte for byte. */
export const copyValidChat: RecordConverter = (value, text) => {
  const problem = chatRecordProblem(value);
  return problem === undefined ? text : { skip: problem };
};
