import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { histogramOf, MAX_HISTOGRAM_BINS } from '../../../src/core/stats/histogram';

describe('histogram', () => {
  it('picks the smallest round width that fits the bin budget', () => {
    // Width 200 would need 41 bins for 0–8032; 500 needs 17.
    const bins = histogramOf([26, 28, 45, 111, 8032]);
    assert.equal(bins.length, 17);
    assert.deepEqual(bins[0], { start: 0, end: 500, count: 4 });
    assert.deepEqual(bins[16], { start: 8000, end: 8500, count: 1 });
    assert.equal(
      bins.slice(1, 16).every((bin) => bin.count === 0),
      true,
    );
  });

  it('bins 1..100 by tens, half-open', () => {
    // Width 5 would need 21 bins (0–105); 10 needs 11.
    const bins = histogramOf(Array.from({ length: 100 }, (_, i) => i + 1));
    assert.deepEqual(
      bins.map((bin) => bin.start),
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    );
    assert.deepEqual(
      bins.map((bin) => bin.count),
      [9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 1],
    );
  });

  it('uses width 1 for a narrow range, and nothing for no data', () => {
    assert.deepEqual(histogramOf([7, 7, 7]), [{ start: 7, end: 8, count: 3 }]);
    assert.deepEqual(histogramOf([3, 5]), [
      { start: 3, end: 4, count: 1 },
      { start: 4, end: 5, count: 0 },
      { start: 5, end: 6, count: 1 },
    ]);
    assert.deepEqual(histogramOf([]), []);
  });

  it('counts every value once in contiguous bins within the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 200 }), (values) => {
        const sorted = Float64Array.from(values).sort();
        const bins = histogramOf(sorted);
        assert.ok(bins.length >= 1 && bins.length <= MAX_HISTOGRAM_BINS);
        assert.equal(
          bins.reduce((sum, bin) => sum + bin.count, 0),
          values.length,
        );
        for (let i = 1; i < bins.length; i++) assert.equal(bins[i]!.start, bins[i - 1]!.end);
        assert.ok(bins[0]!.start <= sorted[0]! && sorted[sorted.length - 1]! < bins[bins.length - 1]!.end);
      }),
    );
  });
});
