/**
 * One reply from a model as an `AsyncIterable` of plain events, for the playground, batch runs and tests:
 * text deltas, usage, and how it ended. It honours the caller's `AbortSignal` (passed to the SDK as `signal`),
 * ends a stream that stalls, falls back to a whole (non-streamed) reply for models that cannot stream, and retries
 * once without an optional parameter the server rejects (remembered in the connection's `ServerQuirks`).
 *
 * Failures are thrown as `ReplyError`, whose message comes from `describeError` (exact URL, no key).
 */

import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { CompletionCreateParamsBase } from 'openai/resources/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { describeError, errorStatus } from './describeError';
import { requestUrl } from './requestUrl';
import {
  emptyQuirks,
  findRejectedParameter,
  omitParameters,
  type OptionalParameter,
  type ServerQuirks,
} from './serverQuirks';

export type ReplyRequest =
  { mode: 'chat'; params: ChatCompletionCreateParamsBase } | { mode: 'completion'; params: CompletionCreateParamsBase };

export type ReplyEvent =
  | { type: 'delta'; text: string }
  | { type: 'usage'; promptTokens: number; completionTokens: number; totalTokens: number }
  /** The server rejected this parameter; it was dropped and recorded in the quirks (persist them). */
  | { type: 'parameterDropped'; parameter: OptionalParameter }
  /** The reply ended; no finish reason means it is incomplete (e.g. the server closed the stream early). */
  | { type: 'done'; finishReason: string | undefined }
  /** No chunk arrived for `stallTimeoutMs`: the request was aborted. */
  | { type: 'stalled'; afterMs: number }
  /** The caller's signal aborted the request. */
  | { type: 'aborted' };

export interface ReplyOptions {
  signal?: AbortSignal;
  /** Longest wait for the response or its next chunk (a reply fetched whole is one chunk). Default 30 s. */
  stallTimeoutMs?: number;
  /** False fetches the reply whole; so does listing the model in `quirks.nonStreamingModels`. Default true. */
  stream?: boolean;
  /** The connection's quirks: read for omitted parameters, updated when the server rejects one. */
  quirks?: ServerQuirks;
}

export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

export class ReplyError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ReplyError';
  }
}

/** Abort reasons, so the end of a reply can say who stopped it. */
const STALLED = 'stalled';

export async function* streamReply(
  client: OpenAI,
  request: ReplyRequest,
  options: ReplyOptions = {},
): AsyncGenerator<ReplyEvent, void, undefined> {
  const quirks = options.quirks ?? emptyQuirks();
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const streaming = options.stream !== false && !quirks.nonStreamingModels.includes(request.params.model);
  const url = requestUrl(client, request.mode === 'chat' ? 'chat/completions' : 'completions', request.params.model);

  const controller = new AbortController();
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const armStallTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(STALLED), stallMs);
  };
  /** How an aborted request ends, or undefined when it was not aborted. */
  const abortEvent = (): ReplyEvent | undefined => {
    if (!controller.signal.aborted) return undefined;
    return controller.signal.reason === STALLED ? { type: 'stalled', afterMs: stallMs } : { type: 'aborted' };
  };
  const fail = (error: unknown, duringStream = false) =>
    new ReplyError(describeError(error, { url, secrets: [client.apiKey], duringStream }), url, errorStatus(error), {
      cause: error,
    });

  try {
    if (options.signal?.aborted) {
      yield { type: 'aborted' };
      return;
    }
    armStallTimer();
    const base = streaming ? withStreamUsage(request) : request;
    let response: Awaited<ReturnType<typeof send>>;
    for (const dropped = new Set<OptionalParameter>(); ;) {
      const params = omitParameters(base.params, quirks.omittedParameters);
      try {
        response = await send(client, { mode: base.mode, params } as ReplyRequest, streaming, controller.signal);
        break;
      } catch (error) {
        const ended = abortEvent();
        if (ended !== undefined) {
          yield ended;
          return;
        }
        const rejected = findRejectedParameter(error, params);
        if (rejected === undefined || dropped.has(rejected)) throw fail(error);
        dropped.add(rejected);
        if (!quirks.omittedParameters.includes(rejected)) quirks.omittedParameters.push(rejected);
        clearTimeout(timer);
        yield { type: 'parameterDropped', parameter: rejected };
        armStallTimer();
      }
    }

    if (!response.streamed) {
      clearTimeout(timer);
      if (response.text !== '') yield { type: 'delta', text: response.text };
      if (response.usage) yield usageEvent(response.usage);
      yield { type: 'done', finishReason: response.finishReason ?? undefined };
      return;
    }
    let finishReason: string | undefined;
    try {
      for await (const chunk of response.chunks) {
        // The stall clock runs only while waiting for the server, not while the consumer handles the events.
        clearTimeout(timer);
        const choice = chunk.choices[0];
        const text = choice === undefined ? undefined : 'delta' in choice ? choice.delta.content : choice.text;
        if (typeof text === 'string' && text !== '') yield { type: 'delta', text };
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) yield usageEvent(chunk.usage);
        armStallTimer();
      }
    } catch (error) {
      const ended = abortEvent();
      if (ended !== undefined) {
        yield ended;
        return;
      }
      throw fail(error, true);
    }
    // The SDK ends the iteration quietly when its signal aborts.
    const ended = abortEvent();
    yield ended ?? { type: 'done', finishReason };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    // A consumer that stops iterating early (break) must not leave the request running.
    controller.abort();
  }
}

function withStreamUsage(request: ReplyRequest): ReplyRequest {
  return { mode: request.mode, params: { ...request.params, stream_options: { include_usage: true } } } as ReplyRequest;
}

type ChunkChoice =
  { delta: { content?: string | null }; finish_reason: string | null } | { text: string; finish_reason: string | null };
type Sent =
  | { streamed: true; chunks: AsyncIterable<{ choices: ChunkChoice[]; usage?: CompletionUsage | null }> }
  | { streamed: false; text: string; finishReason: string | null | undefined; usage: CompletionUsage | undefined };

async function send(client: OpenAI, request: ReplyRequest, streaming: boolean, signal: AbortSignal): Promise<Sent> {
  if (request.mode === 'chat') {
    if (streaming) {
      const chunks = await client.chat.completions.create({ ...request.params, stream: true }, { signal });
      return { streamed: true, chunks };
    }
    const completion = await client.chat.completions.create({ ...request.params, stream: false }, { signal });
    const choice = completion.choices[0];
    return {
      streamed: false,
      text: choice?.message.content ?? '',
      finishReason: choice?.finish_reason,
      usage: completion.usage,
    };
  }
  if (streaming) {
    const chunks = await client.completions.create({ ...request.params, stream: true }, { signal });
    return { streamed: true, chunks };
  }
  const completion = await client.completions.create({ ...request.params, stream: false }, { signal });
  const choice = completion.choices[0];
  return { streamed: false, text: choice?.text ?? '', finishReason: choice?.finish_reason, usage: completion.usage };
}

function usageEvent(usage: CompletionUsage): ReplyEvent {
  return {
    type: 'usage',
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}
