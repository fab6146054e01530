const BLOCK_BITS = 14;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

type Block = Uint32Array | Float64Array;

/**
 * A growable column of numbers. File-level checks keep a few of these per line instead of objects, so a file of
 * millions of lines costs tens of bytes per line. Values live in fixed blocks of 16,384: growing never copies, and
 * never holds twice the memory as a doubling array does while it grows.
 */
class BlockColumn<B extends Block> {
  private readonly blocks: B[] = [];
  private size = 0;

  constructor(private readonly allocate: (length: number) => B) {}

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const offset = this.size & BLOCK_MASK;
    if (offset === 0) this.blocks.push(this.allocate(BLOCK_SIZE));
    this.blocks[this.blocks.length - 1]![offset] = value;
    this.size++;
  }

  get(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]?.[index & BLOCK_MASK] ?? 0;
  }

  /** The values pushed so far, copied into one array. */
  values(): B {
    const all = this.allocate(this.size);
    this.blocks.forEach((block, i) =>
      all.set(block.subarray(0, Math.min(BLOCK_SIZE, this.size - i * BLOCK_SIZE)), i * BLOCK_SIZE),
    );
    return all;
  }
}

/** A growable column of unsigned 32-bit integers (line numbers, lengths, hashes). */
export class U32Column extends BlockColumn<Uint32Array> {
  constructor() {
    super((length) => new Uint32Array(length));
  }
}

/** A growable column of doubles (byte offsets into files over 4 GiB). */
export class F64Column extends BlockColumn<Float64Array> {
  constructor() {
    super((length) => new Float64Array(length));
  }
}
