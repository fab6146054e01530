/** Entry i is token i: its text when its bytes are valid UTF-8, else the bytes (gpt-tokenizer's `bpeRanks` arrays). */
export type RankSource = readonly (string | readonly number[] | undefined)[];

/** "FTBP" read as a little-endian u32. */
const MAGIC = 0x50425446;
const VERSION = 2;
/** u32 words before the sections: magic, version, token count, byte count. */
const HEADER_WORDS = 4;
const EMPTY = -1;

/**
 * A byte-pair vocabulary in three typed arrays: every token's bytes end to end, where each token starts, and an
 * open-addressing hash table from bytes to token. A few megabytes, where a JS Map of 200k strings costs tens, and
 * it loads from one binary blob without creating any per-token object.
 *
 * Blob layout (native byte order, little-endian on every platform VS Code runs on): the header words, then each
 * token's length (u8 × size), then `bytes`. The hash table is rebuilt on load (tens of milliseconds): shipped, its
 * random-looking slots would not compress, and the package would carry megabytes more.
 */
export class RankTable {
  private readonly mask: number;
  private readonly slotBits: number;
  private readonly tokenBits: number;
  private readonly tokenMask: number;
  private readonly tagMask: number;

  private constructor(
    /** Token t is `bytes[offsets[t] .. offsets[t + 1])`; an unused token is empty. */
    private readonly offsets: Uint32Array,
    /** -1, or a token in the low `tokenBits` over a few more bits of its hash, which rule out most mismatches unread. */
    private readonly slots: Int32Array,
    private readonly bytes: Uint8Array,
  ) {
    this.mask = slots.length - 1;
    this.slotBits = 31 - Math.clz32(slots.length);
    this.tokenBits = tokenBitsFor(offsets.length - 1);
    this.tokenMask = 2 ** this.tokenBits - 1;
    this.tagMask = 2 ** Math.max(0, Math.min(31 - this.tokenBits, 32 - this.slotBits)) - 1;
  }

  /** Builds the table from a rank array; holes (or `undefined` entries) are unused token numbers. */
  static fromRanks(ranks: RankSource): RankTable {
    const size = ranks.length;
    const encoder = new TextEncoder();
    const offsets = new Uint32Array(size + 1);
    let bytes: Uint8Array = new Uint8Array(Math.max(1024, size * 8));
    let used = 0;
    for (let token = 0; token < size; token++) {
      const entry = ranks[token];
      const longest = entry === undefined ? 0 : typeof entry === 'string' ? entry.length * 3 : entry.length;
      if (used + longest > bytes.length) bytes = grown(bytes, used + longest);
      if (typeof entry === 'string') used += encoder.encodeInto(entry, bytes.subarray(used)).written;
      else if (entry !== undefined) {
        bytes.set(entry, used);
        used += entry.length;
      }
      offsets[token + 1] = used;
    }
    return RankTable.indexed(offsets, bytes.slice(0, used));
  }

  /** A table over tokens laid out by `offsets` in `bytes`, with its hash table built. */
  private static indexed(offsets: Uint32Array, bytes: Uint8Array): RankTable {
    const size = offsets.length - 1;
    const slotCount = 2 ** Math.max(4, Math.ceil(Math.log2(size * 2 + 1)));
    const table = new RankTable(offsets, new Int32Array(slotCount).fill(EMPTY), bytes);
    for (let token = 0; token < size; token++) table.insert(token);
    table.checkSingleBytes();
    return table;
  }

  /** Reads a blob written by {@link toBytes}; the token bytes stay a view into it (copied only when misaligned). */
  static fromBytes(blob: Uint8Array): RankTable {
    const source = blob.byteOffset % 4 === 0 ? blob : new Uint8Array(blob);
    if (source.length < HEADER_WORDS * 4)
      throw new Error(`Not a rank table: ${source.length} bytes is shorter than its header.`);
    const [magic, version, size = 0, byteCount = 0] = new Uint32Array(source.buffer, source.byteOffset, HEADER_WORDS);
    if (magic !== MAGIC)
      throw new Error('Not a rank table: wrong magic number (another file, or written with another byte order).');
    if (version !== VERSION)
      throw new Error(`Rank table version ${version} is not supported (expected ${VERSION}); rebuild it.`);
    const bytesAt = HEADER_WORDS * 4 + size;
    if (bytesAt + byteCount !== source.length) {
      throw new Error(
        `Corrupt rank table: header (${size} tokens, ${byteCount} bytes) does not match its ${source.length} bytes.`,
      );
    }
    const lengths = source.subarray(HEADER_WORDS * 4, bytesAt);
    const offsets = new Uint32Array(size + 1);
    for (let token = 0; token < size; token++) offsets[token + 1] = offsets[token]! + lengths[token]!;
    if (offsets[size] !== byteCount) throw new Error('Corrupt rank table: token lengths do not add up to its bytes.');
    return RankTable.indexed(offsets, source.subarray(bytesAt));
  }

  /** Number of token numbers (unused ones included). */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** The whole table as one blob for {@link fromBytes}. Every token must be shorter than 256 bytes (all are). */
  toBytes(): Uint8Array {
    const size = this.size;
    const bytesAt = HEADER_WORDS * 4 + size;
    const blob = new Uint8Array(bytesAt + this.bytes.length);
    new Uint32Array(blob.buffer, 0, HEADER_WORDS).set([MAGIC, VERSION, size, this.bytes.length]);
    for (let token = 0; token < size; token++) {
      const length = this.tokenByteLength(token);
      if (length > 255)
        throw new Error(`Token ${token} is ${length} bytes; the rank table format stores lengths in one byte.`);
      blob[HEADER_WORDS * 4 + token] = length;
    }
    blob.set(this.bytes, bytesAt);
    return blob;
  }

  /** The token whose bytes are `bytes[start .. end)`, or -1. */
  rankOf(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end);
    const tag = (hash >>> this.slotBits) & this.tagMask;
    const length = end - start;
    const tokenBits = this.tokenBits;
    for (let index = hash & this.mask; ; index = (index + 1) & this.mask) {
      const slot = this.slots[index]!;
      if (slot === EMPTY) return -1;
      if (slot >>> tokenBits === tag) {
        const token = slot & this.tokenMask;
        const from = this.offsets[token]!;
        if (this.offsets[token + 1]! - from === length && this.sameBytes(from, bytes, start, length)) return token;
      }
    }
  }

  /** How many bytes token `token` stands for (0 for an unused or unknown number). */
  tokenByteLength(token: number): number {
    const end = this.offsets[token + 1];
    return end === undefined || token < 0 ? 0 : end - this.offsets[token]!;
  }

  private sameBytes(from: number, bytes: Uint8Array, start: number, length: number): boolean {
    const own = this.bytes;
    for (let i = 0; i < length; i++) if (own[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(token: number): void {
    const from = this.offsets[token]!;
    const to = this.offsets[token + 1]!;
    if (from === to) return;
    if (this.rankOf(this.bytes, from, to) !== -1)
      throw new Error(`Token ${token} repeats the bytes of token ${this.rankOf(this.bytes, from, to)}.`);
    const hash = hashBytes(this.bytes, from, to);
    let index = hash & this.mask;
    while (this.slots[index] !== EMPTY) index = (index + 1) & this.mask;
    this.slots[index] = (((hash >>> this.slotBits) & this.tagMask) * 2 ** this.tokenBits) | token;
  }

  // Merging starts from single bytes, so each must be a token for every piece to have an encoding.
  private checkSingleBytes(): void {
    const byte = new Uint8Array(1);
    for (let value = 0; value < 256; value++) {
      byte[0] = value;
      if (this.rankOf(byte, 0, 1) < 0) throw new Error(`Not a byte-level vocabulary: byte ${value} is not a token.`);
    }
  }
}

/** Bits that hold any token number below `size`. */
function tokenBitsFor(size: number): number {
  return Math.max(1, 32 - Math.clz32(Math.max(1, size - 1)));
}

/** FNV-1a over the bytes, then murmur3's finaliser so that low bits (the slot) and high bits (the tag) both mix. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function grown(bytes: Uint8Array, needed: number): Uint8Array {
  const larger = new Uint8Array(Math.max(needed, bytes.length * 2));
  larger.set(bytes);
  return larger;
}
