import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ValueCounts } from '../../../src/core/stats/valueCounts';

describe('ValueCounts', () => {
  it('gives back every value added, sorted, large and repeated ones included', () => {
    const counts = new ValueCounts();
    for (const value of [5, 0, 200_000, 5, 131_071, 131_072, 3, 1_000_000_000]) counts.add(value);
    assert.equal(counts.size, 8);
    assert.deepEqual([...counts.sorted()], [0, 3, 5, 5, 131_071, 131_072, 200_000, 1_000_000_000]);
    assert.deepEqual([...new ValueCounts().sorted()], []);
  });

  it('keeps the order even for values that are not token counts', () => {
    const counts = new ValueCounts();
    for (const value of [2, -1, 0.5, 7]) counts.add(value);
    assert.deepEqual([...counts.sorted()], [-1, 0.5, 2, 7]);
  });

  it('equals sorting the values, for any mix of small and large whole numbers', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2 ** 31 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (values) => {
        const counts = new ValueCounts();
        for (const v of values) counts.add(v);
        assert.deepEqual(
          [...counts.sorted()],
          [...values].sort((a, b) => a - b),
        );
      }),
      { numRuns: 500 },
    );
  });
});
