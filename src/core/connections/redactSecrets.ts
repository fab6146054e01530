/**
 * Removes keys from text before it reaches an error message or a log line. Used by `describeError` and by the
 * VS Code side's LogOutputChannel, so there is one definition of "looks like a key".
 */

const REDACTED = '[redacted]';

/** Shapes of credentials that must never be shown, whoever's they are. */
const KEY_PATTERNS: readonly RegExp[] = [
  // OpenAI keys: sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  // Authorization headers and their values, wherever they are echoed.
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
];

/** `name: value` / `name=value` pairs whose value is a credential: Azure's `api-key` header, query parameters, JSON. */
const NAMED_KEY = /\b(api[-_]?key|key|token|access_token)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi;

/**
 * Secrets shorter than this are removed only where they stand alone (not inside a word): replacing every "ab" in
 * a message would hide the message, but even a short key must not be shown.
 */
const SHORT_SECRET = 8;

/**
 * Returns `text` with the given secrets (e.g. the connection's own key, whatever its shape) and anything that
 * looks like a key replaced by `[redacted]`.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let result = text;
  const known = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret !== '')
    // Longest first, so a key that contains another secret is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of known) {
    result =
      secret.length >= SHORT_SECRET
        ? result.split(secret).join(REDACTED)
        : result.replace(new RegExp(`(?<![\\w-])${escapeRegExp(secret)}(?![\\w-])`, 'g'), REDACTED);
  }
  for (const pattern of KEY_PATTERNS) result = result.replace(pattern, REDACTED);
  return result.replace(NAMED_KEY, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
