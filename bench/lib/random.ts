import { SeededRandom } from '../../src/core/curate/prng';

/** The seeded generator's draws in the shapes the data generators need (the lint forbids Math.random). */
export class BenchRandom {
  private readonly source: SeededRandom;

  constructor(seed: number) {
    this.source = new SeededRandom(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + this.source.nextInt(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.source.nextFloat() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.source.nextInt(items.length)]!;
  }
}
