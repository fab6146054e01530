/** Values below this are counted in a typed array (grown as needed); larger ones, rare, in a map. */
const DENSE_LIMIT = 1 << 17;

/**
 * A multiset of whole numbers kept as a count per distinct value, so its memory follows the spread of the values
 * (token counts below the example limit) rather than how many there are: a million examples cost what a thousand do.
 */
export class ValueCounts {
  private dense = new Uint32Array(1024);
  private readonly sparse = new Map<number, number>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** Adds `value`, a whole number from 0 up. */
  add(value: number): void {
    this.total++;
    if (value >= DENSE_LIMIT || !Number.isInteger(value) || value < 0) {
      this.sparse.set(value, (this.sparse.get(value) ?? 0) + 1);
      return;
    }
    if (value >= this.dense.length) {
      const grown = new Uint32Array(
        Math.min(DENSE_LIMIT, Math.max(this.dense.length * 2, 2 ** Math.ceil(Math.log2(value + 1)))),
      );
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[value]!++;
  }

  /** Every value added, in ascending order (a new array). */
  sorted(): Float64Array {
    const values = new Float64Array(this.total);
    let at = 0;
    for (let value = 0; value < this.dense.length; value++) {
      const count = this.dense[value]!;
      if (count > 0) values.fill(value, at, (at += count));
    }
    let inOrder = true;
    for (const value of [...this.sparse.keys()].sort((a, b) => a - b)) {
      values.fill(value, at, (at += this.sparse.get(value)!));
      inOrder &&= value >= DENSE_LIMIT;
    }
    // Only a negative or fractional value (never a token count) lands out of order.
    return inOrder ? values : values.sort();
  }
}
