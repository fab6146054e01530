import { U32Column } from './numberColumns';

/** A 64-bit key as two unsigned 32-bit halves (hashes of examples, see `exampleKey.ts`). */
export interface ExampleKey {
  readonly high: number;
  readonly low: number;
}

/** Reads the key of a row the caller holds; the table stores rows, never keys. */
export interface KeyRows {
  high(row: number): number;
  low(row: number): number;
}

/**
 * The one open-addressing table of the duplicate finders: it maps 64-bit keys to the row of their first occurrence,
 * storing only `row + 1` per slot (4 bytes) while the keys stay in the caller's columns. Linear probing from a
 * multiplicative hash, at most half full; millions of distinct keys cost tens of megabytes, where a `Map` of strings
 * would cost several times that.
 */
export class KeyTable {
  private slots: Uint32Array;
  private bits: number;
  private count = 0;

  /** `expected` keys fit without growing. */
  constructor(
    private readonly rows: KeyRows,
    expected = 512,
  ) {
    this.bits = 4;
    while (1 << this.bits < expected * 2) this.bits++;
    this.slots = new Uint32Array(1 << this.bits);
  }

  /** Distinct keys recorded. */
  get size(): number {
    return this.count;
  }

  /**
   * The row of the first occurrence of the key (`high`, `low`); when it is new, records `row` as that occurrence
   * and returns -1. The caller's columns must hold the key at `row` from then on.
   */
  firstRow(high: number, low: number, row: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let slot = this.home(high, low); ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot]!;
      if (stored === 0) {
        this.slots[slot] = row + 1;
        this.count++;
        return -1;
      }
      if (this.rows.low(stored - 1) === low && this.rows.high(stored - 1) === high) return stored - 1;
    }
  }

  // Multiplicative hashing keeps the top bits, which every bit of the key reaches.
  private home(high: number, low: number): number {
    return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    this.slots = new Uint32Array(1 << this.bits);
    const mask = this.slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      let slot = this.home(this.rows.high(stored - 1), this.rows.low(stored - 1));
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = stored;
    }
  }
}

/**
 * Dense ids 0, 1, 2, … for 64-bit keys in first-seen order (a {@link KeyTable} over its own key columns, 8 bytes a
 * distinct key plus the table). A new key is one whose id equals the old {@link size}.
 */
export class KeyIds {
  private readonly highs = new U32Column();
  private readonly lows = new U32Column();
  private readonly table = new KeyTable({ high: (row) => this.highs.get(row), low: (row) => this.lows.get(row) });

  get size(): number {
    return this.highs.length;
  }

  idOf(key: ExampleKey): number {
    const id = this.highs.length;
    const first = this.table.firstRow(key.high, key.low, id);
    if (first !== -1) return first;
    this.highs.push(key.high);
    this.lows.push(key.low);
    return id;
  }
}
