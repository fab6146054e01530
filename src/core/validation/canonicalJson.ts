import type { Hasher } from './hasher';

const TAG_NULL = 0x10000;
const TAG_TRUE = 0x10001;
const TAG_FALSE = 0x10002;
const TAG_NUMBER = 0x10003;
const TAG_STRING = 0x10004;
const TAG_ARRAY = 0x10005;
const TAG_OBJECT = 0x10006;
const TAG_END = 0x10007;
const TAG_KEY = 0x10008;

// Nesting deeper than this is fed by an explicit stack instead of recursion, so absurd data cannot overflow.
const MAX_RECURSION = 64;
// Above this many keys an object's keys are sorted with Array.prototype.sort instead of by insertion.
const INSERTION_SORT_MAX = 16;
// Object keys of the objects being fed, innermost last, up to keyTop; shared so that feeding allocates no arrays.
const keyStack: string[] = [];
let keyTop = 0;

/**
 * Feeds a parsed JSON value in canonical form (object keys sorted), so that lines differing only in whitespace or
 * key order hash alike.
 */
export function feedJson(hasher: Hasher, root: unknown): void {
  feedValue(hasher, root, 0);
}

function feedValue(hasher: Hasher, value: unknown, depth: number): void {
  if (typeof value === 'string') {
    hasher.word(TAG_STRING);
    hasher.string(value);
  } else if (typeof value === 'number') {
    hasher.word(TAG_NUMBER);
    hasher.number(value);
  } else if (typeof value === 'boolean') {
    hasher.word(value ? TAG_TRUE : TAG_FALSE);
  } else if (value === null || typeof value !== 'object') {
    hasher.word(TAG_NULL);
  } else if (depth >= MAX_RECURSION) {
    feedDeep(hasher, value);
  } else if (Array.isArray(value)) {
    hasher.word(TAG_ARRAY);
    for (let i = 0; i < value.length; i++) feedValue(hasher, value[i], depth + 1);
    hasher.word(TAG_END);
  } else {
    hasher.word(TAG_OBJECT);
    const object = value as Record<string, unknown>;
    const from = keyTop;
    const to = pushSortedKeys(object);
    for (let i = from; i < to; i++) {
      const key = keyStack[i] as string;
      hasher.word(TAG_KEY);
      hasher.string(key);
      feedValue(hasher, object[key], depth + 1);
    }
    keyTop = from;
    hasher.word(TAG_END);
  }
}

/** Pushes an object's keys in sorted order onto {@link keyStack}; returns the new top (they start at the old one). */
function pushSortedKeys(object: Record<string, unknown>): number {
  const from = keyTop;
  for (const key in object) keyStack[keyTop++] = key;
  const count = keyTop - from;
  if (count > INSERTION_SORT_MAX) {
    const sorted = keyStack.slice(from, keyTop).sort();
    for (let i = 0; i < count; i++) keyStack[from + i] = sorted[i] as string;
    return keyTop;
  }
  for (let i = from + 1; i < keyTop; i++) {
    const key = keyStack[i] as string;
    let j = i;
    while (j > from && (keyStack[j - 1] as string) > key) {
      keyStack[j] = keyStack[j - 1] as string;
      j--;
    }
    keyStack[j] = key;
  }
  return keyTop;
}

// Markers on the explicit stack of feedDeep; no parsed JSON value is identical to these objects.
const END: object = {};
const KEY: object = {};

/** Same token stream as the recursive feed, driven by an explicit stack for deeply nested values. */
function feedDeep(hasher: Hasher, root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === END) {
      hasher.word(TAG_END);
    } else if (value === KEY) {
      hasher.word(TAG_KEY);
      hasher.string(stack.pop() as string);
    } else if (typeof value !== 'object' || value === null) {
      feedValue(hasher, value, 0);
    } else if (Array.isArray(value)) {
      hasher.word(TAG_ARRAY);
      stack.push(END);
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else {
      hasher.word(TAG_OBJECT);
      stack.push(END);
      const object = value as Record<string, unknown>;
      const sorted = Object.keys(object).sort();
      for (let i = sorted.length - 1; i >= 0; i--) {
        const key = sorted[i] as string;
        stack.push(object[key], key, KEY);
      }
    }
  }
}
