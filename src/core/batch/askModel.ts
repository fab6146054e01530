/**
 * The real Ask of a batch run: one non-streaming chat completion over the openai SDK (the reply is stored whole, so
 * streaming buys nothing and would hide the rate-limit headers). The SDK's own retries run first; a 429 that still
 * comes back with a retry-after becomes `rateLimited`, so the runner pauses the whole connection and asks again.
 * Every other failure is a record with the error, its message from describeError (never a key).
 */

import type OpenAI from 'openai';
import { APIError, RateLimitError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { buildChatRequest } from '../connections/buildRequest';
import { describeError, errorStatus } from '../connections/describeError';
import { isQuotaExhaustedBody } from '../connections/quotaAwareRetry';
import { requestUrl } from '../connections/requestUrl';
import { messageOf } from '../errors/messageOf';
import type { BatchPrompt, ModelSpec, ResultRecord } from './batchTypes';
import { parseRateLimits, type RateLimits } from './rateLimits';
import type { Ask, AskOutcome } from './runBatch';

export interface AskOptions {
  /** Which field carries maxTokens for a model (OpenAI's reasoning models take only max_completion_tokens). */
  readonly maxTokensField?: (model: ModelSpec) => 'max_tokens' | 'max_completion_tokens';
  /** Milliseconds for latency; default performance.now. */
  readonly now?: () => number;
  /** The time a record is written; default the current time. */
  readonly date?: () => Date;
}

/** An Ask that sends each pair through the client of its model's connection (made by the caller with createClient). */
export function createAsk(clientFor: (connection: string) => OpenAI, options: AskOptions = {}): Ask {
  const now = options.now ?? (() => performance.now());
  const date = options.date ?? (() => new Date());
  return async (prompt, model, signal) => {
    const request = chatRequest(prompt, model, options.maxTokensField?.(model));
    const stored = plainJson(request);
    const base = { v: 1 as const, prompt, model, request: stored };
    let client: OpenAI;
    try {
      client = clientFor(model.connection);
    } catch (error) {
      // A connection that cannot make a client (e.g. an invalid base URL) fails each of its pairs the same way.
      return {
        kind: 'done',
        record: { ...base, latencyMs: 0, error: { message: messageOf(error) }, finishedAt: iso() },
      };
    }
    const started = now();
    try {
      const { data, response } = await client.chat.completions.create(request, { signal }).withResponse();
      const record: ResultRecord = {
        ...base,
        response: responseOf(data),
        latencyMs: elapsed(),
        finishedAt: iso(),
      };
      return withLimits({ kind: 'done', record }, parseRateLimits(response.headers));
    } catch (error) {
      // Stopped by the run: nothing to record (the runner drops it and a resume asks again).
      if (signal.aborted) throw error;
      const status = errorStatus(error);
      const message = describeError(error, {
        url: requestUrl(client, 'chat/completions', model.model),
        secrets: [client.apiKey],
      });
      const record: ResultRecord = {
        ...base,
        latencyMs: elapsed(),
        error: status === undefined ? { message } : { message, status },
        finishedAt: iso(),
      };
      const headers: unknown = error instanceof APIError ? error.headers : undefined;
      const limits = headers instanceof Headers ? parseRateLimits(headers) : undefined;
      const retryAfterMs = limits?.retryAfterMs;
      // An exhausted quota is not a rate limit: asking again fails the same way until the plan changes.
      if (error instanceof RateLimitError && !isQuotaExhaustedBody(error.error) && retryAfterMs !== undefined) {
        return withLimits({ kind: 'rateLimited', retryAfterMs, record }, limits);
      }
      return withLimits({ kind: 'done', record }, limits);
    }

    function elapsed(): number {
      return Math.max(0, Math.round(now() - started));
    }
  };

  function iso(): string {
    return date().toISOString();
  }
}

/**
 * The request for one pair. The prompt's turns are sent as they are (a dataset may have a system turn anywhere, and
 * an empty one is still what the model was trained with); buildChatRequest supplies the model's parameters.
 */
export function chatRequest(
  prompt: BatchPrompt,
  model: ModelSpec,
  maxTokensField?: 'max_tokens' | 'max_completion_tokens',
): ChatCompletionCreateParamsNonStreaming {
  const parameters = buildChatRequest({
    model: model.model,
    turns: [],
    parameters: model.parameters,
    ...(maxTokensField === undefined ? {} : { maxTokensField }),
  });
  return {
    ...parameters,
    messages: prompt.turns.map((turn) => ({ role: turn.role, content: turn.content })),
    stream: false,
  };
}

function responseOf(completion: ChatCompletion): NonNullable<ResultRecord['response']> {
  const choice = completion.choices[0];
  const usage = completion.usage;
  return {
    text: choice?.message.content ?? '',
    finishReason: choice?.finish_reason ?? null,
    ...(usage === undefined
      ? {}
      : {
          usage: {
            promptTokens: usage.prompt_tokens,
            completionTokens: usage.completion_tokens,
            totalTokens: usage.total_tokens,
          },
        }),
    id: completion.id,
    model: completion.model,
  };
}

function withLimits(outcome: AskOutcome, limits: RateLimits | undefined): AskOutcome {
  return limits === undefined || Object.keys(limits).length === 0 ? outcome : { ...outcome, limits };
}

/** The body as JSON has it (what went over the wire), as a plain record. */
function plainJson(request: ChatCompletionCreateParamsNonStreaming): Record<string, unknown> {
  return JSON.parse(JSON.stringify(request)) as Record<string, unknown>;
}
