import { strict as assert } from 'node:assert';
import { KeyIds, KeyTable } from '../../../src/core/duplicates/keyTable';

describe('KeyTable and KeyIds', () => {
  it('gives dense ids in first-seen order across growth', () => {
    const ids = new KeyIds();
    for (let i = 0; i < 5000; i++) assert.equal(ids.idOf({ high: i * 7, low: i }), i);
    assert.equal(ids.idOf({ high: 21, low: 3 }), 3);
    assert.equal(ids.idOf({ high: 3, low: 21 }), 5000);
    assert.equal(ids.size, 5001);
  });

  it('finds the first row of a key held in the caller’s columns, and grows beyond its expected size', () => {
    const high = [1, 2, 1, 3, 2, 1];
    const low = [10, 20, 10, 30, 21, 10];
    const table = new KeyTable({ high: (row) => high[row]!, low: (row) => low[row]! }, 1);
    assert.deepEqual(
      high.map((h, row) => table.firstRow(h, low[row]!, row)),
      [-1, -1, 0, -1, -1, 0],
    );
    assert.equal(table.size, 4);
  });
});
