/**
 * A deterministic pseudo-random generator (splitmix32: a Weyl sequence through the murmur3 finaliser). It has a
 * full 2^32 period and passes the usual statistical batteries well enough for shuffling and sampling; it is not
 * cryptographic. The same seed gives the same sequence on every platform, which makes splits reproducible.
 */
export class SeededRandom {
  private state: number;

  /** Any number is accepted; it is reduced to 32 bits. */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A float in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, bound), unbiased (rejection sampling); `bound` must be between 1 and 2^32. */
  nextInt(bound: number): number {
    // Values at or above the largest multiple of `bound` would favour small results, so they are drawn again.
    const limit = 4294967296 - (4294967296 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }
}

/** Shuffles `items` in place (Fisher–Yates) with the given generator. */
export function shuffleInPlace(
  items: { [index: number]: number; readonly length: number },
  random: SeededRandom,
): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const swap = items[i]!;
    items[i] = items[j]!;
    items[j] = swap;
  }
}
