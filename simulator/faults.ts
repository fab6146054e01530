// Faults chosen per request by the model id, so tests and the playground's model picker can both provoke them.
import { errorReply, invalidApiKey, type ErrorReply } from './errors';

export type Fault =
  /** Every request answers this error. */
  | { kind: 'error'; reply: ErrorReply }
  /** The first request with a given body answers this error; the same body again succeeds (so an SDK retry does). */
  | { kind: 'error-once'; reply: ErrorReply }
  /** Delivered broken: see `Delivery` in delivery.ts. */
  | { kind: 'drop' }
  | { kind: 'stall' }
  /** A server that does not know an optional parameter: 400 whenever the body has it, otherwise a normal reply. */
  | { kind: 'rejects-parameter'; parameter: 'stream_options' | 'seed' };

// `retry-after: 0` lets the SDK retry at once, so tests of its retries do not wait.
const rateLimited = errorReply(
  429,
  {
    message: 'Rate limit reached for requests (OpenAI-compatible simulator).',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  { 'retry-after': '0' },
);

// A tokens-per-minute 429 with every header the real API sends on one: `retry-after-ms` (which the SDK prefers to
// `retry-after`) and the x-ratelimit budget, the tokens one exhausted. Clients that pace themselves read these.
const tokensRateLimited = errorReply(
  429,
  {
    message:
      'Rate limit reached for sim-chat on tokens per min (TPM): Limit 30000, Used 30000, Requested 12. Please try again in 750ms (OpenAI-compatible simulator).',
    type: 'tokens',
    code: 'rate_limit_exceeded',
  },
  {
    'retry-after': '1',
    'retry-after-ms': '750',
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': '499',
    'x-ratelimit-reset-requests': '120ms',
    'x-ratelimit-limit-tokens': '30000',
    'x-ratelimit-remaining-tokens': '0',
    'x-ratelimit-reset-tokens': '1.5s',
  },
);

// Like the real API, no `x-should-retry: false`: the SDK retries this 429 unless the caller stops it.
const quotaExceeded = errorReply(429, {
  message: 'You exceeded your current quota, please check your plan and billing details (OpenAI-compatible simulator).',
  type: 'insufficient_quota',
  code: 'insufficient_quota',
});

const serverError = errorReply(500, {
  message: 'The server had an error while processing your request (OpenAI-compatible simulator).',
  type: 'server_error',
});

/** Every fault model id and what it does; the ids are also listed by `GET /v1/models`. */
export const FAULTS: ReadonlyMap<string, Fault> = new Map<string, Fault>([
  ['fault-401', { kind: 'error', reply: invalidApiKey() }],
  ['fault-429', { kind: 'error', reply: rateLimited }],
  ['fault-429-once', { kind: 'error-once', reply: rateLimited }],
  // The SDK honours its retry-after-ms (750 ms a retry): tests use `maxRetries: 0`.
  ['fault-429-tokens', { kind: 'error', reply: tokensRateLimited }],
  ['fault-quota', { kind: 'error', reply: quotaExceeded }],
  ['fault-500', { kind: 'error', reply: serverError }],
  ['fault-drop', { kind: 'drop' }],
  ['fault-stall', { kind: 'stall' }],
  ['fault-no-stream-options', { kind: 'rejects-parameter', parameter: 'stream_options' }],
  ['fault-no-seed', { kind: 'rejects-parameter', parameter: 'seed' }],
]);

/** The 400 a server gives for a parameter it does not know (the wording of OpenAI's own API). */
export function unrecognizedParameter(parameter: string): ErrorReply {
  return errorReply(400, {
    message: `Unrecognized request argument supplied: ${parameter}`,
    type: 'invalid_request_error',
    param: parameter,
  });
}
