import { countMembers } from '../validation/jsonStructure';
import type { TokenCounting } from './encoding';
import {
  REPLY_PRIMING_TOKENS,
  addDefinitions,
  addMessages,
  isRecord,
  newTally,
  type ExampleTally,
} from './messageTokens';
import type { JsonPath, TokenTrace } from './tokenTrace';

// Where each format keeps its token-bearing parts (paths for the trace; constant so counting allocates none).
const ROOT: JsonPath = [];
const MESSAGES: JsonPath = ['messages'];
const INPUT: JsonPath = ['input'];
const INPUT_MESSAGES: JsonPath = ['input', 'messages'];
const PREFERRED_OUTPUT: JsonPath = ['preferred_output'];
const PROMPT: JsonPath = ['prompt'];
const COMPLETION: JsonPath = ['completion'];

/** Dataset formats whose examples can be counted. */
export type ExampleFormat = 'chat' | 'preference' | 'rft' | 'completion';

/** Token counts of one example, the per-example input of the dataset statistics. */
export interface ExampleTokens {
  /** Tokens training processes for the example (its length against the model's limit). */
  readonly total: number;
  /** Tokens of trained output: assistant content and tool calls (preference: the preferred output). */
  readonly assistant: number;
  readonly messages: number;
  /** A `system` (or `developer`) message is present. */
  readonly hasSystem: boolean;
  readonly hasUser: boolean;
}

/**
 * Counts an example's tokens with `encoding`, or returns undefined when `value` does not have the format's shape
 * (structural problems are reported by validation, not here), or nests deeper than validation accepts (tool
 * schemas and calls are counted through JSON.stringify, which recurses). A trace, when given, receives every run
 * of tokens in training order.
 */
export function countExampleTokens(
  value: unknown,
  format: ExampleFormat,
  encoding: TokenCounting,
  trace?: TokenTrace,
): ExampleTokens | undefined {
  if (countMembers(value) === -1) return undefined;
  switch (format) {
    case 'chat':
      return countChatTokens(value, encoding, trace);
    case 'rft':
      return countRftTokens(value, encoding, trace);
    case 'preference':
      return countPreferenceTokens(value, encoding, trace);
    case 'completion':
      return countCompletionTokens(value, encoding, trace);
  }
}

/**
 * Chat (`{messages, tools?}`): tool definitions, then every message with the cookbook's overhead, then the reply
 * priming. For plain string messages this is exactly the cookbook's num_tokens_from_messages, and `assistant` its
 * num_assistant_tokens_from_messages (plus tool calls, which the cookbook does not handle).
 */
export function countChatTokens(
  value: unknown,
  encoding: TokenCounting,
  trace?: TokenTrace,
): ExampleTokens | undefined {
  if (!isRecord(value) || !Array.isArray(value.messages)) return undefined;
  const tally = newTally();
  addDefinitions(value, encoding, tally, trace, ROOT);
  if (!addMessages(value.messages, true, encoding, tally, trace, MESSAGES)) return undefined;
  addPriming(tally, trace, MESSAGES);
  return tally;
}

/**
 * Reinforcement fine-tuning (`{messages, tools?, ...reference fields}`): the model sees the messages and tools as in
 * chat; the reference fields go to the grader, not the model, so they are not counted.
 */
export function countRftTokens(value: unknown, encoding: TokenCounting, trace?: TokenTrace): ExampleTokens | undefined {
  return countChatTokens(value, encoding, trace);
}

/**
 * Preference / DPO (`{input: {messages, tools?}, preferred_output, non_preferred_output}`): the input conversation
 * followed by the preferred output, counted as one chat. `assistant` is the preferred output only; assistant turns
 * inside the input are context, not trained output.
 */
export function countPreferenceTokens(
  value: unknown,
  encoding: TokenCounting,
  trace?: TokenTrace,
): ExampleTokens | undefined {
  if (!isRecord(value) || !isRecord(value.input)) return undefined;
  const input = value.input;
  const preferred = value.preferred_output;
  if (!Array.isArray(input.messages) || !Array.isArray(preferred)) return undefined;
  const tally = newTally();
  addDefinitions(input, encoding, tally, trace, INPUT);
  if (!addMessages(input.messages, false, encoding, tally, trace, INPUT_MESSAGES)) return undefined;
  if (!addMessages(preferred, true, encoding, tally, trace, PREFERRED_OUTPUT)) return undefined;
  addPriming(tally, trace, PREFERRED_OUTPUT);
  return tally;
}

/**
 * Legacy completion (`{prompt, completion}`): the two texts without chat overhead. There are no messages; the
 * prompt plays the user's part (`hasUser` when it is not empty) and there is never a system message.
 */
export function countCompletionTokens(
  value: unknown,
  encoding: TokenCounting,
  trace?: TokenTrace,
): ExampleTokens | undefined {
  if (!isRecord(value) || typeof value.prompt !== 'string' || typeof value.completion !== 'string') return undefined;
  const prompt = encoding.count(value.prompt);
  trace?.span({ tokens: prompt, path: PROMPT, at: 'text', text: value.prompt });
  const completion = encoding.count(value.completion);
  trace?.span({ tokens: completion, path: COMPLETION, at: 'text', text: value.completion });
  return {
    total: prompt + completion,
    assistant: completion,
    messages: 0,
    hasSystem: false,
    hasUser: value.prompt.length > 0,
  };
}

function addPriming(tally: ExampleTally, trace: TokenTrace | undefined, lastList: JsonPath): void {
  tally.total += REPLY_PRIMING_TOKENS;
  trace?.span({ tokens: REPLY_PRIMING_TOKENS, path: lastList, at: 'end' });
}
