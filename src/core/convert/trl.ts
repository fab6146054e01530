import { chatLine, copyValidChat, readTextMessages, trainingProblem, warnDroppedFields } from './chatMessages';
import type { RecordConverter } from './jsonlConversion';
import { isObject } from '../jsonl/jsonObject';
import type { ChatMessage } from './model';
import { pairProblem, preferenceLine, readOpenAiPreference, readSingleAnswer, type PreferencePair } from './preference';

// TRL dataset types (https://huggingface.co/docs/trl/dataset_formats): conversational `messages`, prompt-completion,
// and preference with an explicit `prompt` or an implicit one (the shared start of `chosen` and `rejected`).

/** A prompt given as a string (one user message) or as a message list. */
function readPrompt(value: unknown): { messages: ChatMessage[]; droppedFields: string[] } | string {
  if (typeof value === 'string') return { messages: [{ role: 'user', content: value }], droppedFields: [] };
  return readTextMessages(value, 'prompt message');
}

function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  return a.role === b.role && a.content === b.content;
}

/** Reads a TRL preference row, explicit or implicit prompt, into a pair. */
export function readTrlPreference(value: Record<string, unknown>): PreferencePair | string {
  const known = new Set(['prompt', 'chosen', 'rejected']);
  const extra = Object.keys(value).filter((key) => !known.has(key));
  if (value['prompt'] !== undefined) {
    const prompt = readPrompt(value['prompt']);
    if (typeof prompt === 'string') return prompt;
    const chosen = readSingleAnswer(value['chosen'], 'chosen');
    if (typeof chosen === 'string') return chosen;
    const rejected = readSingleAnswer(value['rejected'], 'rejected');
    if (typeof rejected === 'string') return rejected;
    const droppedFields = [...prompt.droppedFields, ...chosen.droppedFields, ...rejected.droppedFields, ...extra];
    return { input: prompt.messages, chosen: chosen.message, rejected: rejected.message, droppedFields };
  }
  const chosen = readTextMessages(value['chosen'], 'chosen message');
  if (typeof chosen === 'string')
    return typeof value['chosen'] === 'string' ? 'no "prompt" for the text answers' : chosen;
  const rejected = readTextMessages(value['rejected'], 'rejected message');
  if (typeof rejected === 'string') return rejected;
  let shared = 0;
  while (
    shared < chosen.messages.length &&
    shared < rejected.messages.length &&
    sameMessage(chosen.messages[shared]!, rejected.messages[shared]!)
  )
    shared++;
  const chosenAnswer = chosen.messages[shared];
  const rejectedAnswer = rejected.messages[shared];
  if (
    chosen.messages.length !== shared + 1 ||
    rejected.messages.length !== shared + 1 ||
    chosenAnswer?.role !== 'assistant' ||
    rejectedAnswer?.role !== 'assistant'
  ) {
    return '"chosen" and "rejected" must share their start and differ only in one final assistant message';
  }
  const droppedFields = [...chosen.droppedFields, ...rejected.droppedFields, ...extra];
  return { input: chosen.messages.slice(0, shared), chosen: chosenAnswer, rejected: rejectedAnswer, droppedFields };
}

/**
 * TRL → OpenAI chat: `messages` rows are copied byte for byte, prompt-completion rows join prompt and completion,
 * preference rows keep their chosen answer (with a warning: use the preference target to keep both).
 */
export const trlToChat: RecordConverter = (value, text, warn) => {
  if (!isObject(value)) return { skip: 'not a JSON object' };
  if (value['messages'] !== undefined) {
    return copyValidChat(value, text, warn);
  }
  let messages: ChatMessage[];
  if (value['chosen'] !== undefined) {
    const pair = readTrlPreference(value);
    if (typeof pair === 'string') return { skip: pair };
    warn(
      'preference rows were converted with their chosen answer only; convert to preference to keep the rejected one',
    );
    warnDroppedFields(pair.droppedFields, 'OpenAI chat', warn);
    messages = [...pair.input, pair.chosen];
  } else if (value['prompt'] !== undefined && value['completion'] !== undefined) {
    const prompt = readPrompt(value['prompt']);
    if (typeof prompt === 'string') return { skip: prompt };
    const completion =
      typeof value['completion'] === 'string'
        ? { messages: [{ role: 'assistant', content: value['completion'] } satisfies ChatMessage], droppedFields: [] }
        : readTextMessages(value['completion'], 'completion message');
    if (typeof completion === 'string') return { skip: completion };
    warnDroppedFields([...prompt.droppedFields, ...completion.droppedFields], 'OpenAI chat', warn);
    messages = [...prompt.messages, ...completion.messages];
  } else if (value['text'] !== undefined) {
    return { skip: 'plain "text" rows have no turns to convert' };
  } else {
    return { skip: 'no "messages", "prompt"/"completion" or "chosen"/"rejected" fields' };
  }
  const problem = trainingProblem(messages);
  return problem === undefined ? chatLine(messages) : { skip: problem };
};

/** TRL preference rows → OpenAI preference. */
export const trlToPreference: RecordConverter = (value, _text, warn) => {
  if (!isObject(value)) return { skip: 'not a JSON object' };
  if (value['chosen'] === undefined || value['rejected'] === undefined)
    return { skip: 'not a preference row (needs "chosen" and "rejected")' };
  const pair = readTrlPreference(value);
  if (typeof pair === 'string') return { skip: pair };
  const problem = pairProblem(pair);
  if (problem !== undefined) return { skip: problem };
  warnDroppedFields(pair.droppedFields, 'OpenAI preference', warn);
  return preferenceLine(pair);
};

/** OpenAI preference → TRL conversational preference `{"prompt":[...],"chosen":[msg],"rejected":[msg]}`. */
export const preferenceToTrl: RecordConverter = (value, _text, warn) => {
  const pair = readOpenAiPreference(value);
  if (typeof pair === 'string') return { skip: pair };
  const problem = pairProblem(pair);
  if (problem !== undefined) return { skip: problem };
  warnDroppedFields(pair.droppedFields, 'TRL', warn);
  return JSON.stringify({ prompt: pair.input, chosen: [pair.chosen], rejected: [pair.rejected] });
};
