/**
 * A 429 with the code `insufficient_quota` means the account's quota or billing is exhausted: retrying only makes
 * the user wait for the same answer. The SDK retries every 429 unless the server sends `x-should-retry: false`,
 * and a custom `fetch` is not an option (it would bypass VS Code's proxy support), so our client subclasses wrap
 * the SDK's retry decision (`shouldRetry(response)`, private in its types) to say no for that body.
 *
 * If an SDK upgrade renames the method, installing throws at load time and the simulator tests (the quota fault
 * answers in one request) fail, rather than quota errors silently being retried.
 */

interface RetryDecision {
  shouldRetry: (this: RetryDecision, response: Response) => Promise<boolean>;
}

/** Wraps the inherited `shouldRetry` on a client subclass's prototype. */
export function skipRetryWhenQuotaExhausted(prototype: object): void {
  const target = prototype as RetryDecision;
  const inherited = target.shouldRetry;
  if (typeof inherited !== 'function') throw new Error('The openai SDK no longer has shouldRetry(response).');
  target.shouldRetry = async function (this: RetryDecision, response: Response): Promise<boolean> {
    if (response.status === 429 && (await isQuotaExhausted(response))) return false;
    return inherited.call(this, response);
  };
}

/** Reads a copy of the body, so the SDK can still read it for the error it throws. */
async function isQuotaExhausted(response: Response): Promise<boolean> {
  try {
    return isQuotaExhaustedBody(JSON.parse(await response.clone().text()));
  } catch {
    return false;
  }
}

/** True for OpenAI's `{ error: { code | type: 'insufficient_quota' } }` (also as the SDK's `APIError.error`). */
export function isQuotaExhaustedBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const error = 'error' in body ? body.error : body;
  if (typeof error !== 'object' || error === null) return false;
  const { code, type } = error as { code?: unknown; type?: unknown };
  return code === 'insufficient_quota' || type === 'insufficient_quota';
}
