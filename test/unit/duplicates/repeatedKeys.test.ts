import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { indicesOfRepeatedKeys, indicesOfRepeatedValues } from '../../../src/core/duplicates/repeatedKeys';

describe('indicesOfRepeatedKeys', () => {
  it('lists, ascending, every index whose 64-bit key occurs more than once', () => {
    const hi = Uint32Array.from([1, 2, 1, 1, 0xffffffff, 2, 0xffffffff]);
    const lo = Uint32Array.from([5, 5, 5, 6, 7, 5, 7]);
    assert.deepEqual([...indicesOfRepeatedKeys(hi, lo)], [0, 1, 2, 4, 5, 6]);
  });

  it('tells keys apart by either half, and returns nothing for distinct keys or no keys', () => {
    assert.deepEqual([...indicesOfRepeatedKeys(Uint32Array.from([1, 1]), Uint32Array.from([1, 2]))], []);
    assert.deepEqual([...indicesOfRepeatedKeys(Uint32Array.from([1, 2]), Uint32Array.from([1, 1]))], []);
    assert.deepEqual([...indicesOfRepeatedKeys(new Uint32Array(0), new Uint32Array(0))], []);
  });

  it('agrees with a plain count over random keys from a small range', () => {
    const key = fc.tuple(fc.constantFrom(0, 1, 0x80000000, 0xffffffff), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), (keys) => {
        const counts = new Map<string, number>();
        for (const [h, l] of keys) counts.set(`${h}:${l}`, (counts.get(`${h}:${l}`) ?? 0) + 1);
        const expected = keys.flatMap(([h, l], i) => ((counts.get(`${h}:${l}`) ?? 0) > 1 ? [i] : []));
        const actual = indicesOfRepeatedKeys(
          Uint32Array.from(keys.map((k) => k[0])),
          Uint32Array.from(keys.map((k) => k[1])),
        );
        assert.deepEqual([...actual], expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('indicesOfRepeatedValues', () => {
  it('lists, ascending, every index whose value occurs more than once, zero and the largest value included', () => {
    assert.deepEqual(
      [...indicesOfRepeatedValues(Uint32Array.from([0, 7, 0xffffffff, 0, 3, 0xffffffff, 0]))],
      [0, 2, 3, 5, 6],
    );
    assert.deepEqual([...indicesOfRepeatedValues(Uint32Array.from([1, 2, 3]))], []);
    assert.deepEqual([...indicesOfRepeatedValues(new Uint32Array(0))], []);
  });

  it('agrees with a plain count, also when values collide in the table', () => {
    // Values that differ only in high bits share table slots; a small range forces long probe runs.
    const value = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 5 }).map((v) => (v * 0x10000000) >>> 0),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (values) => {
        const counts = new Map<number, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        const expected = values.flatMap((v, i) => ((counts.get(v) ?? 0) > 1 ? [i] : []));
        assert.deepEqual([...indicesOfRepeatedValues(Uint32Array.from(values))], expected);
      }),
      { numRuns: 500 },
    );
  });
});
