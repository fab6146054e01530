import { chatLine, readChatForExport, trainingProblem, warnDroppedFields } from './chatMessages';
import { isObject } from '../jsonl/jsonObject';
import type { RecordConverter } from './jsonlConversion';
import type { ChatMessage } from './model';

/**
 * Alpaca `{"instruction","input"?,"output","system"?,"history"?}` → OpenAI chat. A non-empty `input` follows the
 * instruction after a blank line; `history` (LLaMA-Factory's `[[user, assistant], ...]`) becomes earlier turns.
 */
export const alpacaToChat: RecordConverter = (value) => {
  if (!isObject(value)) return { skip: 'not a JSON object' };
  const { instruction, input, output, system, history } = value;
  if (typeof instruction !== 'string') return { skip: 'no "instruction" text' };
  if (input != null && typeof input !== 'string') return { skip: '"input" is not text' };
  if (typeof output !== 'string') return { skip: 'no "output" text' };
  if (system != null && typeof system !== 'string') return { skip: '"system" is not text' };
  const messages: ChatMessage[] = [];
  if (typeof system === 'string' && system.trim() !== '') messages.push({ role: 'system', content: system });
  if (history != null) {
    if (!Array.isArray(history)) return { skip: '"history" is not a list of [user, assistant] pairs' };
    for (let i = 0; i < history.length; i++) {
      const pair: unknown = history[i];
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        return { skip: `"history" entry ${i + 1} is not a [user, assistant] pair of texts` };
      }
      messages.push({ role: 'user', content: pair[0] }, { role: 'assistant', content: pair[1] });
    }
  }
  const user =
    typeof input === 'string' && input !== ''
      ? instruction === ''
        ? input
        : `${instruction}\n\n${input}`
      : instruction;
  messages.push({ role: 'user', content: user }, { role: 'assistant', content: output });
  const problem = trainingProblem(messages);
  return problem === undefined ? chatLine(messages) : { skip: problem };
};

/** OpenAI chat → Alpaca, for single-turn examples (an optional first system message, one user, one assistant). */
export const chatToAlpaca: RecordConverter = (value, _text, warn) => {
  const read = readChatForExport(value);
  if (typeof read === 'string') return { skip: read };
  const messages = read.messages;
  const system = messages[0]?.role === 'system' ? messages[0] : undefined;
  const turns = system === undefined ? messages : messages.slice(1);
  const user = turns[0];
  const assistant = turns[1];
  if (turns.length !== 2 || user?.role !== 'user' || assistant?.role !== 'assistant') {
    const users = turns.filter((message) => message.role === 'user').length;
    return {
      skip: `multi-turn or out-of-order example (${users} user and ${turns.length - users} other messages); Alpaca holds one user and one assistant message`,
    };
  }
  warnDroppedFields(read.droppedFields, 'Alpaca', warn);
  const row: Record<string, string> = { instruction: user.content, input: '', output: assistant.content };
  if (system !== undefined) row['system'] = system.content;
  return JSON.stringify(row);
};
