import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { distributionOf, medianSorted, quantileSorted } from '../../../src/core/stats/distribution';
import { COOKBOOK_OUTPUT } from '../tokens/cookbookToyData';

const near = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('distribution', () => {
  it('takes true 5th and 95th percentiles by linear interpolation (numpy default)', () => {
    // h = 99 × 0.05 = 4.95 → 5 + 0.95 × (6 − 5); h = 99 × 0.95 = 94.05 → 95 + 0.05 × (96 − 95)
    near(quantileSorted(oneToHundred, 0.05), 5.95);
    near(quantileSorted(oneToHundred, 0.95), 95.05);
    near(quantileSorted([1, 2, 3, 4], 0.05), 1.15);
    near(quantileSorted([1, 2, 3, 4], 0.95), 3.85);
    near(quantileSorted([1, 3, 5], 0.05), 1.2);
    near(quantileSorted([1, 3, 5], 0.95), 4.8);
    assert.equal(quantileSorted([7], 0.05), 7);
    assert.equal(quantileSorted([2, 4], 0), 2);
    assert.equal(quantileSorted([2, 4], 1), 4);
  });

  it('agrees with np.quantile to the last bit (the cookbook’s printed 10th/90th percentiles)', () => {
    assert.equal(quantileSorted([2, 2, 3, 3, 9], 0.1), COOKBOOK_OUTPUT.messages.q10);
    assert.equal(quantileSorted([2, 2, 3, 3, 9], 0.9), COOKBOOK_OUTPUT.messages.q90);
    assert.equal(quantileSorted([26, 28, 45, 111, 8032], 0.1), COOKBOOK_OUTPUT.totalTokens.q10);
    assert.equal(quantileSorted([26, 28, 45, 111, 8032], 0.9), COOKBOOK_OUTPUT.totalTokens.q90);
    assert.equal(quantileSorted([4, 9, 10, 28, 8000], 0.1), COOKBOOK_OUTPUT.assistantTokens.q10);
    assert.equal(quantileSorted([4, 9, 10, 28, 8000], 0.9), COOKBOOK_OUTPUT.assistantTokens.q90);
  });

  it('does not pass the 10th/90th percentiles off as p5/p95 as the cookbook does', () => {
    const stats = distributionOf([26, 28, 45, 111, 8032], 8242);
    near(stats.p5, 26.4); // h = 0.2
    near(stats.p95, 111 + 0.8 * (8032 - 111)); // h = 3.8
    assert.notEqual(stats.p5, COOKBOOK_OUTPUT.totalTokens.q10);
  });

  it('takes the middle value, or the mean of the two middle values', () => {
    assert.equal(medianSorted([1, 2, 3]), 2);
    assert.equal(medianSorted([1, 2, 3, 10]), 2.5);
    assert.equal(medianSorted([5]), 5);
    assert.equal(medianSorted([4, 5]), 4.5);
  });

  it('summarises min, max, mean, median and percentiles', () => {
    assert.deepEqual(distributionOf([1, 3, 5], 9), { min: 1, max: 5, mean: 3, median: 3, p5: 1.2, p95: 4.8 });
  });

  it('keeps every percentile between its neighbours', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const sorted = Float64Array.from(values).sort();
        const sum = values.reduce((a, b) => a + b, 0);
        const d = distributionOf(sorted, sum);
        assert.ok(d.min <= d.p5 && d.p5 <= d.median && d.median <= d.p95 && d.p95 <= d.max);
        assert.ok(d.min <= d.mean && d.mean <= d.max);
      }),
    );
  });
});
