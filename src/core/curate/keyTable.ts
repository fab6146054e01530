/** A 64-bit example key as two unsigned 32-bit halves (see `exampleKey.ts`). */
export interface ExampleKey {
  readonly high: number;
  readonly low: number;
}

const EMPTY = 0;

/**
 * Maps 64-bit keys to dense ids 0, 1, 2, … in first-seen order. Open addressing over one Uint32Array (three words
 * a slot: high, low, id + 1) keeps millions of distinct keys in tens of megabytes, where a `Map<string, …>` of
 * hex strings would need several times that.
 */
export class KeyTable {
  private slots = new Uint32Array(3 * 1024);
  private capacity = 1024;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The id of `key`, adding it with the next id when new; a new key is one whose id equals the old {@link size}. */
  idOf(key: ExampleKey): number {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const slot = this.find(this.slots, this.capacity, key.high, key.low);
    const stored = this.slots[slot + 2]!;
    if (stored !== EMPTY) return stored - 1;
    this.slots[slot] = key.high;
    this.slots[slot + 1] = key.low;
    this.slots[slot + 2] = ++this.count;
    return this.count - 1;
  }

  /** Index of the slot holding the key, or of the empty slot where it belongs (linear probing). */
  private find(slots: Uint32Array, capacity: number, high: number, low: number): number {
    // The keys are hash output already, so their low bits are uniformly spread.
    let index = (low ^ high) & (capacity - 1);
    for (;;) {
      const slot = index * 3;
      if (slots[slot + 2] === EMPTY || (slots[slot] === high && slots[slot + 1] === low)) return slot;
      index = (index + 1) & (capacity - 1);
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const slots = new Uint32Array(3 * capacity);
    for (let slot = 0; slot < this.slots.length; slot += 3) {
      if (this.slots[slot + 2] === EMPTY) continue;
      const target = this.find(slots, capacity, this.slots[slot]!, this.slots[slot + 1]!);
      slots[target] = this.slots[slot]!;
      slots[target + 1] = this.slots[slot + 1]!;
      slots[target + 2] = this.slots[slot + 2]!;
    }
    this.slots = slots;
    this.capacity = capacity;
  }
}
