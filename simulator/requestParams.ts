// Reads the parameters both generation endpoints share from an untrusted request body, answering a bad one with the
// 400 a real server gives (so clients' request building is checked against the real rules, not a lenient fake).
import { invalidParameter, type ErrorReply } from './errors';

export interface GenerationParams {
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with no choices carries the usage. */
  includeUsage: boolean;
  stop: string[];
  /** Reply length limit in tokens (see replies.ts for what a token is); none when the request sets none. */
  maxTokens: number | undefined;
}

export type RequestBody = Record<string, unknown>;

export function isRequestBody(body: unknown): body is RequestBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** `maxTokensFields`: the fields that limit the reply, first one set wins (chat also has `max_completion_tokens`). */
export function readGenerationParams(
  body: RequestBody,
  maxTokensFields: readonly string[],
): GenerationParams | ErrorReply {
  const { model, stream, stream_options: streamOptions, stop } = body;
  if (typeof model !== 'string' || model === '') {
    return invalidParameter('model', 'you must provide a model parameter');
  }
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    return invalidParameter('stream', `${JSON.stringify(stream)} is not of type 'boolean' - 'stream'`);
  }
  const streaming = stream === true;
  let includeUsage = false;
  if (streamOptions !== undefined && streamOptions !== null) {
    if (!streaming) {
      return invalidParameter(
        'stream_options',
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      );
    }
    if (!isRequestBody(streamOptions)) {
      return invalidParameter('stream_options', "Invalid type for 'stream_options': expected an object.");
    }
    includeUsage = streamOptions.include_usage === true;
  }
  const stops = stop === undefined || stop === null ? [] : Array.isArray(stop) ? stop : [stop];
  if (!stops.every((sequence): sequence is string => typeof sequence === 'string') || stops.length > 4) {
    return invalidParameter('stop', "'stop' must be a string or an array of at most 4 strings.");
  }
  let maxTokens: number | undefined;
  for (const field of maxTokensFields) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return invalidParameter(field, `Invalid '${field}': expected an integer of at least 1.`);
    }
    maxTokens = value;
    break;
  }
  return { model, stream: streaming, includeUsage, stop: stops, maxTokens };
}
