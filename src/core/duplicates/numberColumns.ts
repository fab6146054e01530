type NumberArray = Uint8Array | Uint32Array | Float64Array;

const DEFAULT_BLOCK_SIZE = 1 << 14;

/**
 * A growable column of numbers, the one per-line store of the core: duplicate finding, validation's file checks,
 * curation and the TWCS index keep a few of these instead of an object per line, so a file of millions of lines
 * costs a few bytes per line. Values live in fixed blocks (16,384 by default): growing never copies and never holds
 * twice the memory, as a doubling array does while it grows. {@link view} joins the blocks into one array once,
 * when a caller needs them contiguous.
 */
export class GrowableArray<A extends NumberArray> {
  private blocks: A[] = [];
  private size = 0;
  private readonly blockBits: number;
  // How many leading blocks are views into one joined array made by view(), and that array.
  private joinedBlocks = 0;
  private joined: A | undefined;

  /** `blockSize` is rounded up to a power of two. */
  constructor(
    private readonly allocate: (length: number) => A,
    blockSize = DEFAULT_BLOCK_SIZE,
  ) {
    this.blockBits = Math.max(4, Math.ceil(Math.log2(blockSize)));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const offset = this.size & ((1 << this.blockBits) - 1);
    if (offset === 0 && this.size >>> this.blockBits === this.blocks.length) {
      this.blocks.push(this.allocate(1 << this.blockBits));
    }
    this.blocks[this.size >>> this.blockBits]![offset] = value;
    this.size++;
  }

  /** The value at `index`; 0 past the end. */
  get(index: number): number {
    return this.blocks[index >>> this.blockBits]?.[index & ((1 << this.blockBits) - 1)] ?? 0;
  }

  /** Replaces the value at `index`, which must be below {@link length}. */
  set(index: number, value: number): void {
    this.blocks[index >>> this.blockBits]![index & ((1 << this.blockBits) - 1)] = value;
  }

  /**
   * The values pushed so far as one array. The first call after pushes joins the blocks into one array (the old
   * blocks become garbage, so memory is not held twice); the result shares memory with the column and is valid
   * until the next push.
   */
  view(): A {
    if (this.joined === undefined || this.joinedBlocks !== this.blocks.length) {
      const blockSize = 1 << this.blockBits;
      const all = this.allocate(this.blocks.length * blockSize);
      this.blocks.forEach((block, i) => all.set(block, i * blockSize));
      this.blocks = this.blocks.map((_, i) => all.subarray(i * blockSize, (i + 1) * blockSize) as A);
      this.joined = all;
      this.joinedBlocks = this.blocks.length;
    }
    return this.joined.subarray(0, this.size) as A;
  }
}

export const uint32Array = (length: number): Uint32Array => new Uint32Array(length);
export const float64Array = (length: number): Float64Array => new Float64Array(length);

/** A growable column of unsigned 32-bit integers (line numbers, lengths, hashes). */
export class U32Column extends GrowableArray<Uint32Array> {
  constructor() {
    super(uint32Array);
  }
}

/** A growable column of doubles (byte offsets into files over 4 GiB). */
export class F64Column extends GrowableArray<Float64Array> {
  constructor() {
    super(float64Array);
  }
}
