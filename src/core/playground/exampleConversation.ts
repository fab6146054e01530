import { isObject } from '../jsonl/jsonObject';
import { messageOf } from '../errors/messageOf';
import { shapeOf } from '../format/lineShape';

/** One turn of a conversation as the playground holds it. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * A dataset example as the playground opens it: the system prompt, the conversation up to the last user turn, and
 * the dataset's answer to that turn (none when the conversation ends with a user turn, as in RFT examples).
 */
export interface ExampleConversation {
  systemPrompt: string;
  /** Ends with a user turn. */
  turns: ConversationTurn[];
  reference?: string;
}

/** Several system messages become one prompt, kept apart as paragraphs. */
const SYSTEM_SEPARATOR = '\n\n';
/** Text parts of one message: a line break keeps them visibly apart in the playground's text. */
const PART_SEPARATOR = '\n';
const TOOL_CALLS_UNSUPPORTED = 'tool calls are not supported in the playground yet';
const TOOLS_UNSUPPORTED = 'it defines tools; tools are not supported in the playground yet';

/**
 * A cheap test of one line, for deciding where to offer "Open in Playground" in large files without parsing them:
 * an object that mentions a key of the layouts {@link readExampleConversation} reads. A line that passes may still
 * be refused (the reason is shown when it is opened).
 */
export function mayBeConversationLine(text: string): boolean {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  if (text[start] !== '{') return false;
  return text.includes('"messages"') || text.includes('"preferred_output"');
}

/**
 * Reads one JSONL line as a conversation for the playground, or returns why it cannot be opened there (a phrase
 * without a final period). Chat and RFT lines (`messages`) and preference lines (`input.messages`, with the
 * reference from `preferred_output`) are read; tool calls, tools and non-text content are refused rather than
 * dropped, since the regenerated answer would then answer a different conversation.
 */
export function readExampleConversation(lineText: string): ExampleConversation | string {
  if (lineText.trim() === '') return 'the line is empty';
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch (error) {
    return `it is not valid JSON (${messageOf(error)})`;
  }
  if (!isObject(value)) return 'it is not a JSON object';
  const shape = shapeOf(value);
  if (shape === 'chat' || shape === 'rft') return readChat(value);
  if (shape === 'preference') return readPreference(value);
  if (shape === 'completion')
    return 'it is a prompt/completion example; the playground opens chat and preference examples';
  return 'it is not a chat or preference example';
}

function readChat(value: Record<string, unknown>): ExampleConversation | string {
  if (hasTools(value)) return TOOLS_UNSUPPORTED;
  const conversation = readConversation(value['messages'], 'message');
  if (typeof conversation === 'string') return conversation;
  const last = conversation.turns.at(-1);
  if (last?.role !== 'assistant') return unanswered(conversation);
  const turns = conversation.turns.slice(0, -1);
  if (turns.at(-1)?.role !== 'user') {
    return turns.some((turn) => turn.role === 'user')
      ? 'its last two messages are both from the assistant; the playground answers a user message'
      : 'it has no user message';
  }
  return { systemPrompt: conversation.systemPrompt, turns, reference: last.content };
}

function readPreference(value: Record<string, unknown>): ExampleConversation | string {
  const input = value['input'];
  if (!isObject(input)) return 'it has no "input" object';
  if (hasTools(input)) return TOOLS_UNSUPPORTED;
  const conversation = readConversation(input['messages'], 'input message');
  if (typeof conversation === 'string') return conversation;
  if (conversation.turns.at(-1)?.role !== 'user') {
    return conversation.turns.length === 0
      ? 'its input has no user message'
      : 'its input ends with an assistant message; the preferred answer must follow a user message';
  }
  const preferred = preferredAnswer(value);
  if (typeof preferred === 'string') return preferred;
  return { ...conversation, reference: preferred.text };
}

/** The text of `preferred_output[0]`, the answer the dataset prefers, or why there is none. */
function preferredAnswer(value: Record<string, unknown>): { text: string } | string {
  const output = value['preferred_output'];
  if (output === undefined) {
    return 'preferred_completion' in value
      ? 'it has "preferred_completion", the old name of "preferred_output"; rename it'
      : 'it has no "preferred_output"';
  }
  if (!Array.isArray(output) || output.length === 0) return '"preferred_output" is not a list holding one message';
  const message: unknown = output[0];
  const what = 'the preferred_output message';
  if (!isObject(message)) return `${what} is not an object`;
  if (callsTools(message)) return TOOL_CALLS_UNSUPPORTED;
  if (roleOf(message) !== 'assistant') return `${what} is not from the assistant`;
  return contentText(message['content'], what);
}

/** A conversation that ends with a user turn (or has no turns): the models answer it, with no reference beside. */
function unanswered(conversation: ExampleConversation): ExampleConversation | string {
  if (conversation.turns.length === 0) return 'it has no user message';
  return conversation;
}

/**
 * Reads a message list: leading system (and developer) messages become the system prompt, the rest user and
 * assistant turns. A later system message has no place in the playground, which has one prompt before the turns.
 */
function readConversation(list: unknown, what: string): ExampleConversation | string {
  if (!Array.isArray(list)) return `its ${what} list is missing or not a list`;
  if (list.length === 0) return `it has no ${what}s`;
  const system: string[] = [];
  const turns: ConversationTurn[] = [];
  for (let i = 0; i < list.length; i++) {
    const message: unknown = list[i];
    const name = `${what} ${i + 1}`;
    if (!isObject(message)) return `${name} is not an object`;
    const role = roleOf(message);
    if (callsTools(message) || role === 'tool' || role === 'function') return TOOL_CALLS_UNSUPPORTED;
    const content = contentText(message['content'], name);
    if (typeof content === 'string') return content;
    if (role === 'system' || role === 'developer') {
      if (turns.length > 0) {
        return `${name} is a ${role} message after the conversation started; the playground has one system prompt, before the conversation`;
      }
      system.push(content.text);
    } else if (role === 'user' || role === 'assistant') {
      turns.push({ role, content: content.text });
    } else {
      return role === undefined ? `${name} has no role` : `${name} has the unknown role ${JSON.stringify(role)}`;
    }
  }
  return { systemPrompt: system.join(SYSTEM_SEPARATOR), turns };
}

/** The role in lower case: a miscased role (a problem the diagnostics report) still says who speaks. */
function roleOf(message: Record<string, unknown>): string | undefined {
  const role = message['role'];
  return typeof role === 'string' ? role.toLowerCase() : undefined;
}

function callsTools(message: Record<string, unknown>): boolean {
  return message['tool_calls'] !== undefined || message['function_call'] !== undefined;
}

/** An example that offers tools teaches when (not) to call them; without them the comparison would not be fair. */
function hasTools(value: Record<string, unknown>): boolean {
  return offers(value['tools']) || offers(value['functions']);
}

/** An empty or null list offers nothing. */
function offers(list: unknown): boolean {
  return list !== undefined && list !== null && !(Array.isArray(list) && list.length === 0);
}

/**
 * A message's text: a string, or its text parts joined; other parts cannot be shown in the playground yet. Returns
 * the reason as a string.
 */
function contentText(content: unknown, name: string): { text: string } | string {
  if (typeof content === 'string') return { text: content };
  if (!Array.isArray(content)) return `${name} has no text content`;
  const texts: string[] = [];
  for (const part of content) {
    if (!isObject(part)) return `${name} has a content part that is not an object`;
    const type = part['type'];
    if (type === 'text') {
      const text = part['text'];
      if (typeof text !== 'string') return `${name} has a text part without text`;
      texts.push(text);
    } else if (type === 'image_url') {
      return `${name} has an image; images are not supported in the playground yet`;
    } else if (type === 'input_audio') {
      return `${name} has audio; audio is not supported in the playground yet`;
    } else if (typeof type === 'string') {
      return `${name} has a content part of type ${JSON.stringify(type)}, which the playground cannot show`;
    } else {
      return `${name} has a content part without a "type"`;
    }
  }
  return { text: texts.join(PART_SEPARATOR) };
}
