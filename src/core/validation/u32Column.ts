/**
 * A growable column of unsigned 32-bit integers. File-level checks keep a few of these per line instead of objects,
 * so a file of millions of lines costs tens of bytes per line.
 */
export class U32Column {
  private data = new Uint32Array(1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  /** The values pushed so far (a view, valid until the next push). */
  values(): Uint32Array {
    return this.data.subarray(0, this.size);
  }
}
