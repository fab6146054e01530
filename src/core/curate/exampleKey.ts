import { createHash } from 'node:crypto';
import { feedJson } from '../validation/canonicalJson';
import { Hasher } from '../validation/hasher';
import type { ExampleKey } from '../duplicates/keyTable';

/**
 * How two examples count as the same. `json` (the default) is validation's notion of a duplicate: the same JSON
 * value, whatever the key order and the spacing between tokens, with every string, number and tool argument
 * compared exactly. `exact` compares the lines byte for byte; `normalized` is looser than validation: it also
 * ignores case and whitespace inside strings (see {@link canonicalExample}), so `ls -l` and `ls -L` are one example.
 */
export type DuplicateMode = 'json' | 'exact' | 'normalized';

/** Every mode, the default first. */
export const DUPLICATE_MODES: readonly DuplicateMode[] = ['json', 'exact', 'normalized'];

/** What a mode compares, in words for reports and help. */
export const DUPLICATE_MODE_MEANINGS: Readonly<Record<DuplicateMode, string>> = {
  json: 'the same JSON (key order and spacing between values ignored; text, numbers and tool arguments compared exactly), as validation counts duplicates',
  exact: 'byte-identical lines',
  normalized:
    'the same JSON after trimming, collapsing whitespace and lowercasing all text (looser than validation: "ls -l" equals "ls -L")',
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// Whitespace runs other than a lone space: same result as replacing every `\s+`, without touching the many single
// spaces of ordinary text (several times faster on long messages).
const SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * The normalised form used to find duplicates that differ only in presentation. Rules: object keys are sorted (by
 * UTF-16 code unit; key names themselves are kept as written), string values are trimmed, runs of whitespace inside
 * them collapse to one space and they are lowercased; numbers, booleans and null print as `JSON.stringify` prints
 * them (so `1.0` equals `1`); arrays keep their order. The result is JSON text. Written with an explicit stack, not
 * recursion: any depth `JSON.parse` accepts must give a key, or valid JSON would be reported as invalid.
 */
export function canonicalExample(value: unknown): string {
  const out: string[] = [];
  // Work items, taken from the end: a value still to print, or text to print as it is.
  const pending: Array<{ readonly value: unknown } | string> = [{ value }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const current = item.value;
    if (typeof current === 'string') {
      out.push(JSON.stringify(current.trim().replace(SPACE_TO_COLLAPSE, ' ').toLowerCase()));
    } else if (Array.isArray(current)) {
      out.push('[');
      pending.push(']');
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push({ value: current[i] as unknown });
        if (i > 0) pending.push(',');
      }
    } else if (current !== null && typeof current === 'object') {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      out.push('{');
      pending.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        pending.push({ value: record[key] }, `${JSON.stringify(key)}:`);
        if (i > 0) pending.push(',');
      }
    } else {
      out.push(JSON.stringify(current));
    }
  }
  return out.join('');
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

// Seed of the canonical-JSON hash, so its keys differ from the validation hashes of single parts.
const JSON_KEY_SEED = 0x6a736f6e;

/**
 * Key of the line's JSON value in validation's canonical form (`feedJson`: object keys sorted, values exact); the
 * same equality validation's duplicate check uses. Undefined when the line is not valid UTF-8 JSON.
 */
export function jsonKey(bytes: Uint8Array): ExampleKey | undefined {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
  const hasher = new Hasher(JSON_KEY_SEED);
  feedJson(hasher, value);
  hasher.digest();
  return { high: hasher.high, low: hasher.low };
}

/** Key of the line's normalised JSON (see {@link canonicalExample}); undefined when it is not valid UTF-8 JSON. */
export function normalizedKey(bytes: Uint8Array): ExampleKey | undefined {
  let canonical: string;
  try {
    canonical = canonicalExample(JSON.parse(strictUtf8.decode(bytes)));
  } catch {
    // Invalid UTF-8 or invalid JSON: the caller falls back to the exact key.
    return undefined;
  }
  return keyOf('n', canonical);
}
