import type { TokenCounting } from './encoding';
import { imageTokenEstimate } from './imageTokens';
import type { JsonPath, TokenTrace } from './tokenTrace';

/**
 * Chat overhead as OpenAI's cookbook "Data preparation and analysis for chat model fine-tuning" counts it
 * (num_tokens_from_messages): every message costs 3 tokens on top of its values, a `name` 1 more, and the reply
 * is primed with 3 tokens after the last message.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;

/** Running counts of one example, filled in while its messages are counted. */
export interface ExampleTally {
  total: number;
  assistant: number;
  messages: number;
  hasSystem: boolean;
  hasUser: boolean;
}

export function newTally(): ExampleTally {
  return { total: 0, assistant: 0, messages: 0, hasSystem: false, hasUser: false };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Keys whose tokens an assistant message produces, i.e. what training teaches the model to write.
const OUTPUT_KEYS = new Set(['content', 'tool_calls', 'function_call']);
const NO_PATH: JsonPath = [];

/**
 * Adds a list of messages to `tally`. Returns false when an entry is not an object (not a countable shape).
 * `countAssistant` says whether assistant messages here are trained output (false for a preference input).
 */
export function addMessages(
  messages: readonly unknown[],
  countAssistant: boolean,
  encoding: TokenCounting,
  tally: ExampleTally,
  trace: TokenTrace | undefined,
  path: JsonPath,
): boolean {
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!isRecord(message)) return false;
    const messagePath = childPath(trace, path, i);
    const role = message.role;
    const isOutput = countAssistant && role === 'assistant';
    tally.messages++;
    // o-series models call the system message `developer`.
    if (role === 'system' || role === 'developer') tally.hasSystem = true;
    if (role === 'user') tally.hasUser = true;
    tally.total += TOKENS_PER_MESSAGE;
    trace?.span({ tokens: TOKENS_PER_MESSAGE, path: messagePath, at: 'start' });
    for (const key in message) {
      const tokens = fieldTokens(key, message[key], encoding, trace, messagePath);
      tally.total += tokens;
      if (isOutput && OUTPUT_KEYS.has(key)) tally.assistant += tokens;
    }
  }
  return true;
}

/**
 * Tokens of one message field. Strings are encoded as they are (the cookbook encodes every value); content parts
 * count their text and an estimate per image; `tool_calls` and `function_call` count their JSON, which is what the
 * model writes. Anything else (`weight`, null) is not text the model sees.
 */
function fieldTokens(
  key: string,
  value: unknown,
  encoding: TokenCounting,
  trace: TokenTrace | undefined,
  path: JsonPath,
): number {
  if (typeof value === 'string') {
    const tokens = encoding.count(value) + (key === 'name' ? TOKENS_PER_NAME : 0);
    trace?.span({ tokens, path: [...path, key], at: 'text', text: value });
    return tokens;
  }
  if (key === 'content' && Array.isArray(value))
    return contentPartTokens(value, encoding, trace, childPath(trace, path, key));
  if ((key === 'tool_calls' || key === 'function_call') && typeof value === 'object' && value !== null) {
    return jsonTokens(value, encoding, trace, childPath(trace, path, key));
  }
  return 0;
}

// Paths are only built when someone traces: counting a valid example must not allocate per field.
function childPath(trace: TokenTrace | undefined, path: JsonPath, key: string | number): JsonPath {
  return trace === undefined ? NO_PATH : [...path, key];
}

function contentPartTokens(
  parts: readonly unknown[],
  encoding: TokenCounting,
  trace: TokenTrace | undefined,
  path: JsonPath,
): number {
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isRecord(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      const tokens = encoding.count(part.text);
      trace?.span({ tokens, path: [...path, i, 'text'], at: 'text', text: part.text });
      total += tokens;
    } else if (part.type === 'image_url') {
      const tokens = imageTokenEstimate(isRecord(part.image_url) ? part.image_url.detail : undefined);
      trace?.span({ tokens, path: [...path, i], at: 'start' });
      total += tokens;
    }
  }
  return total;
}

/** Tokens of a value's compact JSON (tool calls, tool and function definitions). */
export function jsonTokens(
  value: unknown,
  encoding: TokenCounting,
  trace: TokenTrace | undefined,
  path: JsonPath,
): number {
  const tokens = encoding.count(JSON.stringify(value));
  trace?.span({ tokens, path, at: 'start' });
  return tokens;
}

/**
 * Adds the tool and (legacy) function definitions of `container` (the example, or a preference example's `input`).
 * They are rendered ahead of the conversation, so they come first.
 */
export function addDefinitions(
  container: Record<string, unknown>,
  encoding: TokenCounting,
  tally: ExampleTally,
  trace: TokenTrace | undefined,
  path: JsonPath,
): void {
  for (const key of ['tools', 'functions']) {
    const definitions = container[key];
    if (Array.isArray(definitions) && definitions.length > 0) {
      tally.total += jsonTokens(definitions, encoding, trace, childPath(trace, path, key));
    }
  }
}
