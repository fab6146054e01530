import * as assert from 'node:assert/strict';
import { defaultEpochs } from '../../../src/core/stats/epochs';

describe('default epochs', () => {
  it('aims for 100 example passes on small sets, at most 25 epochs', () => {
    assert.equal(defaultEpochs(1), 25); // min(25, 100)
    assert.equal(defaultEpochs(4), 25); // min(25, 25)
    assert.equal(defaultEpochs(5), 20);
    assert.equal(defaultEpochs(10), 10); // 30 < 100 → ceil(100 / 10)
    assert.equal(defaultEpochs(33), 4); // 99 < 100 → ceil(3.03)
    assert.equal(defaultEpochs(0), 25);
  });

  it('keeps 3 epochs between 100 and 25,000 example passes', () => {
    assert.equal(defaultEpochs(34), 3); // 102
    assert.equal(defaultEpochs(1000), 3);
    assert.equal(defaultEpochs(8333), 3); // 24,999
  });

  it('caps large sets at 25,000 example passes, at least 1 epoch', () => {
    assert.equal(defaultEpochs(8334), 2); // 25,002 > 25,000 → floor(2.9997)
    assert.equal(defaultEpochs(12_500), 2);
    assert.equal(defaultEpochs(12_501), 1);
    assert.equal(defaultEpochs(20_000), 1); // floor(1.25)
    assert.equal(defaultEpochs(1_000_000), 1); // max(1, 0)
  });
});
