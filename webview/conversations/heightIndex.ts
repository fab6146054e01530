/**
 * The heights of a virtual list's rows and their prefix sums, for 100,000 rows and more. Rows not measured yet count
 * as the current estimate. Two Fenwick trees (measured heights, measured counts) give a row's top in O(log n) and,
 * because unmeasured rows are never stored, changing the estimate costs nothing: prefix(i) = measured heights before
 * i + (unmeasured rows before i) × estimate.
 */
export class HeightIndex {
  private heights: Float64Array;
  private counts: Int32Array;
  /** Each row's measured height; NaN while unmeasured. */
  private measured: Float64Array;
  private measuredSum = 0;
  private measuredCount = 0;

  constructor(
    private rows: number,
    private estimateValue: number,
  ) {
    this.heights = new Float64Array(rows + 1);
    this.counts = new Int32Array(rows + 1);
    this.measured = new Float64Array(rows).fill(Number.NaN);
  }

  get count(): number {
    return this.rows;
  }

  get estimate(): number {
    return this.estimateValue;
  }

  /** The height of every row not measured yet. */
  set estimate(value: number) {
    this.estimateValue = value;
  }

  /** The mean of the measured heights; undefined before any is measured. */
  get measuredMean(): number | undefined {
    return this.measuredCount === 0 ? undefined : this.measuredSum / this.measuredCount;
  }

  /** How many rows are measured. */
  get measuredRows(): number {
    return this.measuredCount;
  }

  /** All rows' heights together. */
  get total(): number {
    return this.measuredSum + (this.rows - this.measuredCount) * this.estimateValue;
  }

  isMeasured(row: number): boolean {
    return !Number.isNaN(this.measured[row] ?? Number.NaN);
  }

  heightOf(row: number): number {
    const value = this.measured[row] ?? Number.NaN;
    return Number.isNaN(value) ? this.estimateValue : value;
  }

  /** Records a row's measured height; returns whether anything changed. */
  set(row: number, height: number): boolean {
    if (row < 0 || row >= this.rows) return false;
    const old = this.measured[row]!;
    if (old === height) return false;
    const wasMeasured = !Number.isNaN(old);
    this.measured[row] = height;
    this.add(row, height - (wasMeasured ? old : 0), wasMeasured ? 0 : 1);
    return true;
  }

  /** The top of a row: the heights of every row before it (the total for row = count). */
  offsetOf(row: number): number {
    let i = Math.max(0, Math.min(row, this.rows));
    let sum = 0;
    let measuredRows = 0;
    const all = i;
    for (; i > 0; i -= i & -i) {
      sum += this.heights[i]!;
      measuredRows += this.counts[i]!;
    }
    return sum + (all - measuredRows) * this.estimateValue;
  }

  /** The row containing an offset (the last row whose top is at or before it), clamped to 0 … count - 1. */
  rowAt(offset: number): number {
    if (this.rows === 0 || offset <= 0) return 0;
    // Fenwick descent: each node at pos + step covers exactly `step` rows, so its height with estimates is exact.
    let pos = 0;
    let remaining = offset;
    for (let step = highestPowerOfTwo(this.rows); step > 0; step >>= 1) {
      const next = pos + step;
      if (next > this.rows) continue;
      const nodeHeight = this.heights[next]! + (step - this.counts[next]!) * this.estimateValue;
      if (nodeHeight <= remaining) {
        pos = next;
        remaining -= nodeHeight;
      }
    }
    return Math.min(pos, this.rows - 1);
  }

  /** Changes the row count, keeping the measured heights of the rows that stay. O(count). */
  resize(rows: number): void {
    const measured = new Float64Array(rows).fill(Number.NaN);
    measured.set(this.measured.subarray(0, Math.min(rows, this.rows)));
    this.rows = rows;
    this.measured = measured;
    this.rebuild();
  }

  private add(row: number, height: number, count: number): void {
    this.measuredSum += height;
    this.measuredCount += count;
    for (let i = row + 1; i <= this.rows; i += i & -i) {
      this.heights[i]! += height;
      this.counts[i]! += count;
    }
  }

  /** Builds both trees in linear time from `measured`. */
  private rebuild(): void {
    this.heights = new Float64Array(this.rows + 1);
    this.counts = new Int32Array(this.rows + 1);
    this.measuredSum = 0;
    this.measuredCount = 0;
    for (let row = 0; row < this.rows; row++) {
      const value = this.measured[row]!;
      if (Number.isNaN(value)) continue;
      this.heights[row + 1] = value;
      this.counts[row + 1] = 1;
      this.measuredSum += value;
      this.measuredCount++;
    }
    for (let i = 1; i <= this.rows; i++) {
      const parent = i + (i & -i);
      if (parent <= this.rows) {
        this.heights[parent]! += this.heights[i]!;
        this.counts[parent]! += this.counts[i]!;
      }
    }
  }
}

function highestPowerOfTwo(n: number): number {
  let power = 1;
  while (power * 2 <= n) power *= 2;
  return power;
}
