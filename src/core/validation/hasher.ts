// Below this length the per-character loop beats the call into the encoder.
const SHORT_STRING = 32;
// Long strings are encoded in pieces so the scratch buffer stays small.
const CHUNK = 64 * 1024;
const encoder = new TextEncoder();
const scratchBytes = new Uint8Array(CHUNK * 3 + 4);
const scratchWords = new Int32Array(scratchBytes.buffer, 0, scratchBytes.length >> 2);

/** False when the string holds a lone surrogate (String.prototype.isWellFormed where the runtime has it). */
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native !== undefined) return native.call(text);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * A 64-bit non-cryptographic hash over a stream of numbers and strings (two 32-bit lanes with cyrb53-style mixing).
 * Pure JavaScript so the core stays free of I/O modules; fast enough to fingerprint every line of a big file.
 */
export class Hasher {
  private h1: number;
  private h2: number;
  private static readonly scratch = new Float64Array(1);
  private static readonly scratchWords = new Uint32Array(Hasher.scratch.buffer);

  constructor(seed = 0) {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }

  /** Feeds one 32-bit word (also used for tags). */
  word(value: number): void {
    this.h1 = Math.imul(this.h1 ^ value, 2654435761);
    this.h2 = Math.imul(this.h2 ^ value, 1597334677);
  }

  /**
   * Feeds a string, length first so that concatenations cannot collide. Long strings are encoded to UTF-8 natively
   * and hashed four bytes at a time (about three times faster than per character); strings with lone surrogates,
   * which UTF-8 cannot represent, are hashed per character so that distinct strings stay distinct.
   */
  string(text: string): void {
    this.word(text.length);
    if (text.length < SHORT_STRING) {
      this.characters(text);
      return;
    }
    for (let from = 0; from < text.length; from += CHUNK) {
      this.encoded(text.length <= CHUNK ? text : text.slice(from, from + CHUNK));
    }
  }

  private characters(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  private encoded(piece: string): void {
    const { written } = encoder.encodeInto(piece, scratchBytes);
    if (written !== piece.length && !isWellFormed(piece)) {
      this.characters(piece);
      return;
    }
    let h1 = this.h1;
    let h2 = this.h2;
    const whole = written >> 2;
    for (let i = 0; i < whole; i++) {
      const word = scratchWords[i] ?? 0;
      h1 = Math.imul(h1 ^ word, 2654435761);
      h2 = Math.imul(h2 ^ word, 1597334677);
    }
    for (let i = whole << 2; i < written; i++) {
      const byte = scratchBytes[i] ?? 0;
      h1 = Math.imul(h1 ^ byte, 2654435761);
      h2 = Math.imul(h2 ^ byte, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Feeds a number by its exact bits. */
  number(value: number): void {
    Hasher.scratch[0] = value;
    this.word(Hasher.scratchWords[0] ?? 0);
    this.word(Hasher.scratchWords[1] ?? 0);
  }

  /**
   * Finishes the hash into {@link high} and {@link low} and returns it as a key of four UTF-16 code units (64 bits):
   * compact and quick to build, meant for equality only. Feeding may continue afterwards.
   */
  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.high = h2 >>> 0;
    this.low = h1 >>> 0;
    return String.fromCharCode(this.high >>> 16, this.high & 0xffff, this.low >>> 16, this.low & 0xffff);
  }

  /** The upper 32 bits of the last {@link digest}. */
  high = 0;
  /** The lower 32 bits of the last {@link digest}. */
  low = 0;
}

/** The two 32-bit halves of a key made by {@link Hasher.digest}. */
export function keyHalves(key: string): [number, number] {
  return [((key.charCodeAt(0) << 16) | key.charCodeAt(1)) >>> 0, ((key.charCodeAt(2) << 16) | key.charCodeAt(3)) >>> 0];
}

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
