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

  /** Feeds a string, length first so that concatenations cannot collide. */
  string(text: string): void {
    let h1 = Math.imul(this.h1 ^ text.length, 2654435761);
    let h2 = Math.imul(this.h2 ^ text.length, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
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

  /** The hash so far as 16 hex digits; feeding may continue afterwards. */
  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return hex32(h2) + hex32(h1);
  }
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
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

// Stack markers; no parsed JSON value can be identical to these objects.
const END: object = {};
const KEY: object = {};

/**
 * Feeds a parsed JSON value in canonical form (object keys sorted), so that lines differing only in whitespace or
 * key order hash alike. Iterative: absurdly nested data cannot overflow the stack.
 */
export function feedJson(hasher: Hasher, root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === END) {
      hasher.word(TAG_END);
    } else if (value === KEY) {
      hasher.word(TAG_KEY);
      hasher.string(stack.pop() as string);
    } else if (typeof value === 'string') {
      hasher.word(TAG_STRING);
      hasher.string(value);
    } else if (typeof value === 'number') {
      hasher.word(TAG_NUMBER);
      hasher.number(value);
    } else if (value === null || value === undefined) {
      hasher.word(TAG_NULL);
    } else if (typeof value === 'boolean') {
      hasher.word(value ? TAG_TRUE : TAG_FALSE);
    } else if (Array.isArray(value)) {
      hasher.word(TAG_ARRAY);
      stack.push(END);
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else {
      hasher.word(TAG_OBJECT);
      stack.push(END);
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object).sort();
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push(object[key], key, KEY);
      }
    }
  }
}
