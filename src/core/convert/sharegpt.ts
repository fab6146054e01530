import { chatLine, readChatForExport, trainingProblem, warnDroppedFields } from './chatMessages';
import { isObject } from '../jsonl/jsonObject';
import type { RecordConverter } from './jsonlConversion';
import type { ChatMessage, ChatRole } from './model';

// Speaker names seen in ShareGPT-style datasets (Vicuna, LLaMA-Factory, Axolotl), matched case-insensitively.
const SPEAKER_ROLES: ReadonlyMap<string, ChatRole> = new Map<string, ChatRole>([
  ['human', 'user'],
  ['user', 'user'],
  ['gpt', 'assistant'],
  ['assistant', 'assistant'],
  ['chatgpt', 'assistant'],
  ['bing', 'assistant'],
  ['bard', 'assistant'],
  ['model', 'assistant'],
  ['system', 'system'],
]);

const ROLE_SPEAKERS: Readonly<Record<ChatRole, string>> = { system: 'system', user: 'human', assistant: 'gpt' };

/** ShareGPT `{"conversations":[{"from","value"}], "system"?}` → OpenAI chat. */
export const sharegptToChat: RecordConverter = (value) => {
  if (!isObject(value)) return { skip: 'not a JSON object' };
  const turns = value['conversations'];
  if (!Array.isArray(turns) || turns.length === 0) return { skip: 'no "conversations" list' };
  const messages: ChatMessage[] = [];
  const system = value['system'];
  if (typeof system === 'string' && system.trim() !== '') messages.push({ role: 'system', content: system });
  for (let i = 0; i < turns.length; i++) {
    const turn: unknown = turns[i];
    if (!isObject(turn)) return { skip: `turn ${i + 1} is not an object` };
    const from = turn['from'];
    const role = typeof from === 'string' ? SPEAKER_ROLES.get(from.toLowerCase()) : undefined;
    if (role === undefined)
      return { skip: `turn ${i + 1} has speaker ${JSON.stringify(from)}; known are human, gpt and system` };
    const text = turn['value'];
    if (typeof text !== 'string') return { skip: `turn ${i + 1} has no text "value"` };
    messages.push({ role, content: text });
  }
  const problem = trainingProblem(messages);
  return problem === undefined ? chatLine(messages) : { skip: problem };
};

/** OpenAI chat → ShareGPT `{"conversations":[{"from":"system"|"human"|"gpt","value"}]}`. */
export const chatToSharegpt: RecordConverter = (value, _text, warn) => {
  const read = readChatForExport(value);
  if (typeof read === 'string') return { skip: read };
  warnDroppedFields(read.droppedFields, 'ShareGPT', warn);
  const conversations = read.messages.map((message) => ({ from: ROLE_SPEAKERS[message.role], value: message.content }));
  return JSON.stringify({ conversations });
};
