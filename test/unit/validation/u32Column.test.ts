import { strict as assert } from 'node:assert';
import { U32Column } from '../../../src/core/validation/u32Column';

describe('U32Column', () => {
  it('keeps every value across block boundaries, and copies them out in order', () => {
    const column = new U32Column();
    const count = 40_000;
    for (let i = 0; i < count; i++) column.push((i * 2654435761) >>> 0);
    assert.equal(column.length, count);
    for (const i of [0, 16_383, 16_384, 32_768, count - 1]) assert.equal(column.get(i), (i * 2654435761) >>> 0);
    const values = column.values();
    assert.equal(values.length, count);
    assert.equal(values[16_384], (16_384 * 2654435761) >>> 0);
    assert.equal(values[count - 1], ((count - 1) * 2654435761) >>> 0);
    assert.equal(column.get(count), 0);
  });
});
