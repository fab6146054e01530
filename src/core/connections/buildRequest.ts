/**
 * Request building for the two playground modes, as the SDK's own param types. Pure: the same turns and settings
 * always give the same request, and only parameters the user set are sent (servers differ in what they accept).
 */

import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionCreateParamsBase } from 'openai/resources/completions';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** Sampling settings; `undefined` means "not set": the parameter is left out and the server's default applies. */
export interface SamplingParameters {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: readonly string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

export interface ChatRequestInput {
  model: string;
  systemPrompt?: string;
  turns: readonly Turn[];
  parameters: SamplingParameters;
  /**
   * OpenAI's reasoning models accept only `max_completion_tokens`; many compatible servers know only
   * `max_tokens`. Default `max_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

export function buildChatRequest(input: ChatRequestInput): ChatCompletionCreateParamsBase {
  const messages: ChatCompletionMessageParam[] = [];
  if (input.systemPrompt !== undefined && input.systemPrompt.trim() !== '')
    messages.push({ role: 'system', content: input.systemPrompt });
  for (const turn of input.turns) messages.push({ role: turn.role, content: turn.content });
  const p = input.parameters;
  const request: ChatCompletionCreateParamsBase = { model: input.model, messages };
  if (p.temperature !== undefined) request.temperature = p.temperature;
  if (p.topP !== undefined) request.top_p = p.topP;
  if (p.maxTokens !== undefined) request[input.maxTokensField ?? 'max_tokens'] = p.maxTokens;
  if (p.stop !== undefined && p.stop.length > 0) request.stop = [...p.stop];
  if (p.seed !== undefined) request.seed = p.seed;
  if (p.presencePenalty !== undefined) request.presence_penalty = p.presencePenalty;
  if (p.frequencyPenalty !== undefined) request.frequency_penalty = p.frequencyPenalty;
  return request;
}

/** The legacy completion flow the project grew from. */
export const DEFAULT_COMPLETION_TEMPLATE = 'Human:{question}\nAI:';
export const DEFAULT_COMPLETION_PARAMETERS: Readonly<SamplingParameters> = {
  temperature: 0.9,
  topP: 1,
  maxTokens: 150,
  stop: ['\nHuman'],
};

export interface CompletionRequestInput {
  model: string;
  /** Contains `{question}`, where each user turn goes. */
  template?: string;
  /** The running chat; it must end with a user turn (the question to answer now). */
  turns: readonly Turn[];
  /** Replaces the defaults field by field; `undefined` keeps a default. */
  parameters?: SamplingParameters;
}

/**
 * Rebuilds the running chat into the template, every turn: each user turn fills the template, each answer follows
 * its question on the same line, exchanges are separated by a new line, and the prompt ends with the filled
 * template of the last question — `Human:q1\nAI:a1\nHuman:q2\nAI:`.
 */
export function buildCompletionPrompt(turns: readonly Turn[], template = DEFAULT_COMPLETION_TEMPLATE): string {
  if (!template.includes('{question}')) throw new Error('The prompt template must contain {question}.');
  const last = turns[turns.length - 1];
  if (last === undefined || last.role !== 'user') throw new Error('The conversation must end with a user message.');
  let prompt = '';
  turns.forEach((turn, index) => {
    // An answer follows its question directly; anything else starts on a new line.
    const answersQuestion = turn.role === 'assistant' && turns[index - 1]?.role === 'user';
    if (index > 0 && !answersQuestion) prompt += '\n';
    prompt += turn.role === 'user' ? template.split('{question}').join(turn.content) : turn.content;
  });
  return prompt;
}

export function buildCompletionRequest(input: CompletionRequestInput): CompletionCreateParamsBase {
  const p = { ...DEFAULT_COMPLETION_PARAMETERS, ...definedOnly(input.parameters ?? {}) };
  const request: CompletionCreateParamsBase = {
    model: input.model,
    prompt: buildCompletionPrompt(input.turns, input.template),
  };
  if (p.temperature !== undefined) request.temperature = p.temperature;
  if (p.topP !== undefined) request.top_p = p.topP;
  if (p.maxTokens !== undefined) request.max_tokens = p.maxTokens;
  if (p.stop !== undefined && p.stop.length > 0) request.stop = [...p.stop];
  if (p.seed !== undefined) request.seed = p.seed;
  if (p.presencePenalty !== undefined) request.presence_penalty = p.presencePenalty;
  if (p.frequencyPenalty !== undefined) request.frequency_penalty = p.frequencyPenalty;
  return request;
}

function definedOnly(parameters: SamplingParameters): SamplingParameters {
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined));
}
