const BLOCK_BITS = 14;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

/**
 * A growable column of unsigned 32-bit integers. File-level checks keep a few of these per line instead of objects,
 * so a file of millions of lines costs tens of bytes per line. Values live in fixed 64 KiB blocks: growing never
 * copies, and never holds twice the memory as a doubling array does while it grows.
 */
export class U32Column {
  private readonly blocks: Uint32Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const offset = this.size & BLOCK_MASK;
    if (offset === 0) this.blocks.push(new Uint32Array(BLOCK_SIZE));
    this.blocks[this.blocks.length - 1]![offset] = value;
    this.size++;
  }

  get(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]?.[index & BLOCK_MASK] ?? 0;
  }

  /** The values pushed so far, copied into one array. */
  values(): Uint32Array {
    const all = new Uint32Array(this.size);
    this.blocks.forEach((block, i) => all.set(block.subarray(0, Math.min(BLOCK_SIZE, this.size - i * BLOCK_SIZE)), i * BLOCK_SIZE));
    return all;
  }
}
