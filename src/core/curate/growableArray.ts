type NumberArray = Uint8Array | Uint32Array | Float64Array;

/**
 * An append-only typed array that doubles its capacity as needed. Per-line bookkeeping for millions of lines
 * costs a few bytes each this way, instead of the tens of bytes a JavaScript array of numbers or objects needs.
 */
export class GrowableArray<A extends NumberArray> {
  private data: A;
  private size = 0;

  constructor(
    private readonly create: (capacity: number) => A,
    initialCapacity = 1024,
  ) {
    this.data = create(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = this.create(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  /** The value at `index`; `index` must be below {@link length}. */
  at(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** A view of the filled part (shares memory; valid until the next push). */
  view(): A {
    return this.data.subarray(0, this.size) as A;
  }
}

export const uint32Array = (capacity: number): Uint32Array => new Uint32Array(capacity);
export const float64Array = (capacity: number): Float64Array => new Float64Array(capacity);
