/**
 * The one place that turns what the SDK throws into a message a user can act on. Every message names the exact
 * URL that was tried and passes through `redactSecrets`, so no key reaches a notification, the webview or a log.
 */

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { isQuotaExhaustedBody } from './quotaAwareRetry';
import { messageOf } from '../errors/messageOf';
import { redactSecrets } from './redactSecrets';

export interface ErrorContext {
  /** The exact URL the request went to (see `endpointUrl`). */
  url: string;
  /** The connection's own key or token, redacted whatever its shape. */
  secrets?: readonly (string | null | undefined)[];
  /** The error ended a reply that was already streaming (e.g. the connection dropped). */
  duringStream?: boolean;
}

/** Longest server text quoted in a message: some servers answer with a whole HTML page. */
const MAX_SERVER_TEXT = 300;

const PROXY_HINT = 'If you connect through a proxy, set it in VS Code’s “http.proxy” setting.';

export function describeError(error: unknown, context: ErrorContext): string {
  const message =
    context.duringStream === true && !(error instanceof APIError)
      ? `The connection to ${context.url} closed before the reply was complete${reasonOf(error)}.`
      : describe(error, context.url);
  return redactSecrets(message, context.secrets ?? []);
}

/** The HTTP status of an SDK error, when the server answered. */
export function errorStatus(error: unknown): number | undefined {
  return error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
}

function describe(error: unknown, url: string): string {
  // Order matters: the timeout, abort and connection errors are APIErrors without a status.
  if (error instanceof APIUserAbortError) return `The request to ${url} was stopped.`;
  if (error instanceof APIConnectionTimeoutError)
    return `${url} did not answer in time. Check that the server is running and reachable. ${PROXY_HINT}`;
  if (error instanceof APIConnectionError) {
    const reason = connectionFailureReason(error);
    return `Could not connect to ${url}${reason === undefined ? '' : ` (${reason})`}. Check that the server is running and the base URL is right. ${PROXY_HINT}`;
  }
  if (error instanceof AuthenticationError)
    return `The key was rejected by ${url} (401): set a new one with “Fine-Tune: Set API Key…”.`;
  if (error instanceof PermissionDeniedError)
    return `${url} refused access (403)${serverText(error)}. Check that the key may use this model or project.`;
  if (error instanceof NotFoundError)
    return `Not found (404): ${url}${serverText(error)}. Check the base URL — most servers expect it to end in /v1, e.g. http://localhost:11434/v1 — and the model or deployment name.`;
  if (error instanceof RateLimitError) {
    if (isQuotaExhaustedBody(error.error))
      return `The account’s quota is exhausted (429 insufficient_quota from ${url}): check its plan and billing. The request was not retried: it would fail the same way until the quota is raised.`;
    return `Rate limited by ${url} (429)${serverText(error)}. The request was retried and still refused: wait a moment and try again.`;
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const kind = error.status >= 500 ? 'The server failed' : 'The server refused the request';
    return `${kind} (${error.status}) at ${url}${serverText(error)}.`;
  }
  if (error instanceof OpenAIError) return `Request to ${url} failed: ${clip(error.message)}`;
  if (error instanceof Error) return `Request to ${url} failed: ${clip(error.message)}`;
  return `Request to ${url} failed: ${clip(String(error))}`;
}

/** The server's own explanation, when it gave one, as `: text`. */
function serverText(error: { error?: unknown }): string {
  const body: unknown = error.error;
  const message =
    typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : undefined;
  // The server's own final period goes: the sentence it is quoted in ends with one.
  const text = message?.trim().replace(/\.+$/, '');
  return text === undefined || text === '' ? '' : `: ${clip(text)}`;
}

/** The system error code (ECONNREFUSED, ENOTFOUND, …) buried in fetch's `cause` chain. */
function connectionFailureReason(error: APIConnectionError): string | undefined {
  let current: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function reasonOf(error: unknown): string {
  const text = messageOf(error);
  return text.trim() === '' ? '' : ` (${clip(text.trim())})`;
}

function clip(text: string): string {
  return text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT)}…` : text;
}
