import { strict as assert } from 'node:assert';
import { F64Column, GrowableArray, U32Column, uint32Array } from '../../../src/core/duplicates/numberColumns';

describe('number columns', () => {
  it('U32Column keeps every value across block boundaries, and views them in order', () => {
    const column = new U32Column();
    const count = 40_000;
    for (let i = 0; i < count; i++) column.push((i * 2654435761) >>> 0);
    assert.equal(column.length, count);
    for (const i of [0, 16_383, 16_384, 32_768, count - 1]) assert.equal(column.get(i), (i * 2654435761) >>> 0);
    const values = column.view();
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
    const values = column.view();
    assert.ok(values instanceof Float64Array);
    assert.equal(values[19_999], offset(19_999));
  });

  it('set, push after a view and view again: the joined array and later blocks stay consistent', () => {
    const array = new GrowableArray(uint32Array, 16);
    for (let i = 0; i < 40; i++) array.push(i * 3);
    array.set(0, 99);
    const first = array.view();
    assert.deepEqual(Array.from(first).slice(0, 3), [99, 3, 6]);
    assert.equal(first.length, 40);
    for (let i = 40; i < 70; i++) array.push(i * 3);
    array.set(41, 7);
    assert.equal(array.get(41), 7);
    const second = array.view();
    assert.equal(second.length, 70);
    assert.deepEqual(
      Array.from(second),
      Array.from({ length: 70 }, (_, i) => (i === 0 ? 99 : i === 41 ? 7 : i * 3)),
    );
    // A second view without pushes in between is the same memory, not another copy.
    assert.equal(array.view().buffer, second.buffer);
  });
});
