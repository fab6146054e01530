import { createHash } from 'node:crypto';
import type { ExampleKey } from './keyTable';

/** How two examples count as the same: byte-identical lines, or equal after {@link canonicalExample}. */
export type DuplicateMode = 'exact' | 'normalized';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// Whitespace runs other than a lone space: same result as replacing every `\s+`, without touching the many single
// spaces of ordinary text (several times faster on long messages).
const SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * The normalised form used to find duplicates that differ only in presentation. Rules, applied recursively:
 * object keys are sorted (by UTF-16 code unit; key names themselves are kept as written), string values are
 * trimmed, runs of whitespace inside them collapse to one space and they are lowercased; numbers, booleans and
 * null print as `JSON.stringify` prints them (so `1.0` equals `1`); arrays keep their order. The result is JSON
 * text.
 */
export function canonicalExample(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.trim().replace(SPACE_TO_COLLAPSE, ' ').toLowerCase());
  if (Array.isArray(value)) return `[${value.map(canonicalExample).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalExample(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Keys are the first 64 bits of a SHA-1. Two different examples share a key with probability about n²/2^65
// (around 3 in a million for ten million distinct examples), which is accepted in exchange for 8 bytes a key.
// The one-byte prefix keeps the exact and normalised key spaces apart.
function keyOf(prefix: string, data: string | Uint8Array): ExampleKey {
  const digest = createHash('sha1').update(prefix).update(data).digest();
  return { high: digest.readUInt32BE(0), low: digest.readUInt32BE(4) };
}

/** Key of the line's exact bytes (without its line terminator). */
export function exactKey(bytes: Uint8Array): ExampleKey {
  return keyOf('x', bytes);
}

/** Key of the line's normalised JSON (see {@link canonicalExample}); undefined when it is not valid UTF-8 JSON. */
export function normalizedKey(bytes: Uint8Array): ExampleKey | undefined {
  let canonical: string;
  try {
    canonical = canonicalExample(JSON.parse(strictUtf8.decode(bytes)));
  } catch {
    // Invalid UTF-8, invalid JSON, or nesting deeper than the stack: the caller falls back to the exact key.
    return undefined;
  }
  return keyOf('n', canonical);
}
