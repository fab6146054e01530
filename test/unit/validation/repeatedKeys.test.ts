import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { indicesOfRepeatedKeys } from '../../../src/core/validation/repeatedKeys';

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
        const actual = indicesOfRepeatedKeys(Uint32Array.from(keys.map((k) => k[0])), Uint32Array.from(keys.map((k) => k[1])));
        assert.deepEqual([...actual], expected);
      }),
      { numRuns: 500 },
    );
  });
});
