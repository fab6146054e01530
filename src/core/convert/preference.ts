import { readTextMessages, trainingProblem } from './chatMessages';
import { isObject } from '../jsonl/jsonObject';
import type { RecordConverter } from './jsonlConversion';
import type { ChatMessage } from './model';

/** One preference pair: the conversation so far and a preferred and a non-preferred assistant answer. */
export interface PreferencePair {
  readonly input: ChatMessage[];
  readonly chosen: ChatMessage;
  readonly rejected: ChatMessage;
  /** Fields of the source the pair does not keep. */
  readonly droppedFields: string[];
}

/** Why a pair is no usable example: the input needs a user message, both answers need text. */
export function pairProblem(pair: PreferencePair): string | undefined {
  const problem = trainingProblem([...pair.input, pair.chosen]);
  if (problem !== undefined) return problem;
  return pair.rejected.content.trim() === '' ? 'the rejected answer is empty' : undefined;
}

/** Reads a list that must hold exactly one assistant message (or a bare string, taken as one). */
export function readSingleAnswer(
  value: unknown,
  what: string,
): { message: ChatMessage; droppedFields: string[] } | string {
  if (typeof value === 'string') return { message: { role: 'assistant', content: value }, droppedFields: [] };
  const read = readTextMessages(value, `${what} message`);
  if (typeof read === 'string') return read;
  const message = read.messages[0];
  if (read.messages.length !== 1 || message?.role !== 'assistant')
    return `"${what}" must hold exactly one assistant message`;
  return { message, droppedFields: read.droppedFields };
}

/** Reads OpenAI preference `{"input":{"messages"},"preferred_output":[msg],"non_preferred_output":[msg]}`. */
export function readOpenAiPreference(value: unknown): PreferencePair | string {
  if (!isObject(value)) return 'not a JSON object';
  const input = value['input'];
  if (!isObject(input)) return 'no "input" object';
  const messages = readTextMessages(input['messages'], 'input message');
  if (typeof messages === 'string') return messages;
  const chosen = readSingleAnswer(value['preferred_output'], 'preferred_output');
  if (typeof chosen === 'string') return chosen;
  const rejected = readSingleAnswer(value['non_preferred_output'], 'non_preferred_output');
  if (typeof rejected === 'string') return rejected;
  const known = new Set(['input', 'preferred_output', 'non_preferred_output']);
  const droppedFields = [
    ...messages.droppedFields,
    ...chosen.droppedFields,
    ...rejected.droppedFields,
    ...Object.keys(input)
      .filter((key) => key !== 'messages')
      .map((key) => `input.${key}`),
    ...Object.keys(value).filter((key) => !known.has(key)),
  ];
  return { input: messages.messages, chosen: chosen.message, rejected: rejected.message, droppedFields };
}

/** Serializes a pair as one OpenAI preference JSONL line. */
export function preferenceLine(pair: PreferencePair): string {
  return JSON.stringify({
    input: { messages: pair.input },
    preferred_output: [pair.chosen],
    non_preferred_output: [pair.rejected],
  });
}

/** OpenAI preference → itself: checks the shape and copies valid lines byte for byte. */
export const preferenceToPreference: RecordConverter = (value, text) => {
  const pair = readOpenAiPreference(value);
  if (typeof pair === 'string') return { skip: pair };
  const problem = pairProblem(pair);
  return problem === undefined ? text : { skip: problem };
};
