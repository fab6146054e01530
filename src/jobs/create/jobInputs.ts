/**
 * The create flow's typed answers, read and checked: hyperparameters (auto or numbers within the API's ranges),
 * suffix, seed and metadata. Each reader gives the value or the problem in words, so the input boxes can show it as
 * the user types and answers given by code are refused the same way. Pure, so it is unit-tested in Node.
 */

import type { Hyperparameter } from '../../core/jobs/job';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(problem: string): Read<T> => ({ ok: false, problem });

/** A hyperparameter's range, as the fine-tuning API documents it. */
interface Range {
  readonly name: string;
  readonly integer: boolean;
  /** Inclusive lower bound, or exclusive when `above` is set. */
  readonly min: number;
  readonly above?: boolean;
  readonly max?: number;
}

export const EPOCHS: Range = { name: 'Epochs', integer: true, min: 1, max: 50 };
export const BATCH_SIZE: Range = { name: 'Batch size', integer: true, min: 1, max: 256 };
export const LEARNING_RATE_MULTIPLIER: Range = {
  name: 'Learning-rate multiplier',
  integer: false,
  min: 0,
  above: true,
};
export const BETA: Range = { name: 'Beta', integer: false, min: 0, above: true };

/** `auto` (or empty), or a number within the range; a number given by code is checked the same way. */
export function readHyperparameter(input: string | number | undefined, range: Range): Read<Hyperparameter> {
  if (input === undefined) return ok('auto');
  const text = String(input).trim();
  if (text === '' || text.toLowerCase() === 'auto') return ok('auto');
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text))
    return bad(`${range.name} must be “auto” or a number.`);
  if (range.integer && !Number.isInteger(value)) return bad(`${range.name} must be a whole number.`);
  const low = range.above ? value <= range.min : value < range.min;
  if (low || (range.max !== undefined && value > range.max)) return bad(`${range.name} must be ${rangeText(range)}.`);
  return ok(value);
}

export function rangeText(range: Range): string {
  if (range.max !== undefined) return `from ${range.min} to ${range.max}`;
  return range.above ? `more than ${range.min}` : `at least ${range.min}`;
}

export const SUFFIX_MAX_LENGTH = 64;

/** The model name's suffix: optional, at most 64 characters (the API's limit), no control characters. */
export function readSuffix(input: string | undefined): Read<string | undefined> {
  const text = input?.trim() ?? '';
  if (text === '') return ok(undefined);
  if ([...text].length > SUFFIX_MAX_LENGTH)
    return bad(`The suffix is ${[...text].length} characters long; at most ${SUFFIX_MAX_LENGTH} are allowed.`);

  if (/[\u0000-\u001f\u007f]/.test(text)) return bad('The suffix cannot hold control characters.');
  return ok(text);
}

/** The largest seed the API takes (a 32-bit signed integer). */
export const SEED_MAX = 2_147_483_647;

/** Optional; a whole number from 0 to 2147483647. */
export function readSeed(input: string | number | undefined): Read<number | undefined> {
  const text = input === undefined ? '' : String(input).trim();
  if (text === '') return ok(undefined);
  if (!/^\d+$/.test(text)) return bad('The seed must be a whole number (or empty for a random one).');
  const value = Number(text);
  if (value > SEED_MAX) return bad(`The seed must be at most ${SEED_MAX}.`);
  return ok(value);
}

/**
 * Metadata typed as `key=value` pairs separated by commas (`team=support, run=3`). Empty means none. The limits
 * (pairs, lengths, reserved keys) are lineage's to check, since its pairs share the 16.
 */
export function readMetadataText(input: string | undefined): Read<Record<string, string>> {
  const text = input?.trim() ?? '';
  const pairs: Record<string, string> = {};
  if (text === '') return ok(pairs);
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals < 0) return bad(`“${part.trim()}” is not a key=value pair.`);
    const key = part.slice(0, equals).trim();
    if (key === '') return bad(`“${part.trim()}” has no key.`);
    if (key in pairs) return bad(`The key “${key}” is given twice.`);
    pairs[key] = part.slice(equals + 1).trim();
  }
  return ok(pairs);
}

/** Metadata as the input box shows it again (Back keeps what was typed). */
export function metadataText(metadata: Readonly<Record<string, string>>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
