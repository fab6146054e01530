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
    // A lone surrogate is written as U+FFFD (EF BF BD); without a 0xBD byte there was none, and the costly check is skipped.
    if (written !== piece.length && scratchBytes.subarray(0, written).indexOf(0xbd) !== -1 && !isWellFormed(piece)) {
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
