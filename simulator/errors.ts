// Error replies in the OpenAI API's shape, `{ error: { message, type, param, code } }`, so the openai SDK turns them
// into its own error classes (AuthenticationError, RateLimitError, …) exactly as it does for the real service.
import type { ErrorObject } from 'openai/resources/shared';

/** An error reply: the status, the body the SDK parses, and any extra headers (e.g. `retry-after`). */
export interface ErrorReply {
  status: number;
  body: { error: ErrorObject };
  headers?: Record<string, string>;
}

/** Tells an error reply from the value a reader returns when the request is fine. */
export function isErrorReply(value: object): value is ErrorReply {
  return 'status' in value && 'body' in value;
}

export function errorReply(
  status: number,
  error: { message: string; type: string; param?: string | null; code?: string | null },
  headers?: Record<string, string>,
): ErrorReply {
  const body = {
    error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null },
  };
  return headers ? { status, body, headers } : { status, body };
}

/** A 400 about one request parameter (`param` names it, as the real API does). */
export function invalidParameter(param: string | null, message: string, code: string | null = null): ErrorReply {
  return errorReply(400, { message, type: 'invalid_request_error', param, code });
}

/** The real API's answer to a path it does not serve; it names the method and the path. */
export function unknownUrl(method: string, path: string): ErrorReply {
  return errorReply(404, { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error' });
}

export function modelNotFound(model: string): ErrorReply {
  return errorReply(404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    code: 'model_not_found',
  });
}

/** The key is never repeated, not even masked: keys must not appear in error messages. */
export function invalidApiKey(): ErrorReply {
  return errorReply(401, {
    message: 'Incorrect API key provided (OpenAI-compatible simulator).',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  });
}
