import { strict as assert } from 'node:assert';
import { F64Column, U32Column } from '../../../src/core/validation/blockColumns';

describe('block columns', () => {
  it('U32Column keeps every value across block boundaries, and copies them out in order', () => {
    const column = new U32Column();
    const count = 40_000;
    for (let i = 0; i < count; i++) column.push((i * 2654435761) >>> 0);
    assert.equal(column.length, count);
    for (const i of [0, 16_383, 16_384, 32_768, count - 1]) assert.equal(column.get(i), (i * 2654435761) >>> 0);
    const values = column.values();
    assert.ok(values instanceof Uint32Array);
    assert.equal(values.length, count);
    assert.equal(values[16_384], (16_384 * 2654435761) >>> 0);
    assert.equal(values[count - 1], ((count - 1) * 2654435761) >>> 0);
    assert.equal(column.get(count), 0);
  });

  it('F64Column keeps byte offsets past 4 GiB exactly', () => {
    const column = new F64Column();
    const offset = (i: number) => 5 * 2 ** 32 + i * 1_000_003;
    for (let i = 0; i < 20_000; i++) column.push(offset(i));
    assert.equal(column.get(16_384), offset(16_384));
    const values = column.values();
    assert.ok(values instanceof Float64Array);
    assert.equal(values[19_999], offset(19_999));
  });
});
