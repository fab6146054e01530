/**
 * What a provider throws: a message from the connections layer's describeError (exact URL, never a key), plus what
 * callers decide on without parsing text — the HTTP status, the API's error code and param, and whether the request
 * may have reached the server (createJobOnce looks for a created job after a timeout, a lost connection or a 5xx).
 */

import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describeError } from '../connections/describeError';
import { redactSecrets } from '../connections/redactSecrets';

export type ProviderErrorKind = 'aborted' | 'timeout' | 'connection' | 'http' | 'other';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly kind: ProviderErrorKind,
    /** The HTTP status when the server answered. */
    readonly status: number | undefined,
    /** The API's `error.code` (e.g. `invalid_request_error`'s code), verbatim. */
    readonly code: string | undefined,
    /** The API's `error.param`, verbatim. */
    readonly param: string | undefined,
    /** The API's own `error.message`, verbatim but for keys (for recognising a refusal); the SDK error is the `cause`. */
    readonly serverMessage: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A failure another attempt may fix: timeouts, lost connections, 408, 409, 429 (not quota), 5xx. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'connection') return true;
    if (this.status === undefined) return false;
    if (this.status === 429) return this.code !== 'insufficient_quota';
    return this.status === 408 || this.status === 409 || this.status >= 500;
  }

  /** The request may have reached the server and taken effect although no answer said so. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'connection' || (this.status !== undefined && this.status >= 500);
  }
}

/** Wraps anything the SDK (or our own code) threw into a ProviderError about `url`; a ProviderError passes through. */
export function toProviderError(
  error: unknown,
  url: string,
  secrets: readonly (string | null | undefined)[],
): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = describeError(error, { url, secrets });
  const cause = { cause: error };
  if (error instanceof APIUserAbortError || isAbort(error))
    return new ProviderError(message, 'aborted', undefined, undefined, undefined, undefined, cause);
  if (error instanceof APIConnectionTimeoutError)
    return new ProviderError(message, 'timeout', undefined, undefined, undefined, undefined, cause);
  if (error instanceof APIConnectionError)
    return new ProviderError(message, 'connection', undefined, undefined, undefined, undefined, cause);
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = (typeof error.error === 'object' && error.error !== null ? error.error : {}) as Record<
      string,
      unknown
    >;
    return new ProviderError(
      message,
      'http',
      error.status,
      textOr(error.code) ?? textOr(body.code),
      textOr(error.param) ?? textOr(body.param),
      redactOr(body.message, secrets),
      cause,
    );
  }
  return new ProviderError(message, 'other', undefined, undefined, undefined, undefined, cause);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}

function redactOr(value: unknown, secrets: readonly (string | null | undefined)[]): string | undefined {
  const text = textOr(value);
  return text === undefined ? undefined : redactSecrets(text, secrets);
}

function textOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
