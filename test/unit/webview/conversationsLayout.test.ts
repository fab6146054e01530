import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { HeightIndex } from '../../../webview/conversations/heightIndex';
import {
  anchorAt,
  anchorOffset,
  anchorToReveal,
  contentOffsetAt,
  MAX_VIRTUAL_HEIGHT,
  scrollMapping,
  scrollTopFor,
  windowAt,
} from '../../../webview/conversations/virtualLayout';

/** The naive model: an array of heights, undefined for unmeasured rows. */
function naiveOffset(heights: (number | undefined)[], estimate: number, row: number): number {
  let sum = 0;
  for (let i = 0; i < row; i++) sum += heights[i] ?? estimate;
  return sum;
}

function naiveRowAt(heights: (number | undefined)[], estimate: number, offset: number): number {
  let row = 0;
  for (let i = 0; i < heights.length; i++) if (naiveOffset(heights, estimate, i) <= offset) row = i;
  return row;
}

type Operation =
  { kind: 'set'; row: number; height: number } | { kind: 'estimate'; value: number } | { kind: 'resize'; rows: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), row: fc.nat(60), height: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('estimate' as const), value: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('resize' as const), rows: fc.nat(60) }),
);

describe('conversations: HeightIndex', () => {
  it('counts unmeasured rows at the estimate and measured rows at their height', () => {
    const index = new HeightIndex(5, 100);
    assert.equal(index.total, 500);
    assert.equal(index.set(1, 40), true);
    assert.equal(index.set(1, 40), false);
    index.set(3, 250);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((row) => index.offsetOf(row)),
      [0, 100, 140, 240, 490, 590],
    );
    assert.equal(index.total, 590);
    assert.equal(index.measuredMean, 145);
    index.estimate = 10;
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((row) => index.offsetOf(row)),
      [0, 10, 50, 60, 310, 320],
    );
    assert.deepEqual(
      [0, 9, 10, 49, 50, 59, 60, 309, 310, 10_000].map((offset) => index.rowAt(offset)),
      [0, 0, 1, 1, 2, 2, 3, 3, 4, 4],
    );
  });

  it('keeps the measured heights of the rows that stay when resized', () => {
    const index = new HeightIndex(4, 50);
    index.set(0, 10);
    index.set(3, 70);
    index.resize(2);
    assert.equal(index.total, 60);
    index.resize(6);
    assert.equal(index.isMeasured(0), true);
    assert.equal(index.isMeasured(3), false);
    assert.equal(index.total, 10 + 5 * 50);
  });

  it('agrees with a plain array under any sequence of measurements, estimates and resizes', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 300 }), fc.array(operation), (rows, estimate, operations) => {
        const index = new HeightIndex(rows, estimate);
        let model: (number | undefined)[] = new Array<number | undefined>(rows).fill(undefined);
        let currentEstimate = estimate;
        for (const op of operations) {
          if (op.kind === 'set') {
            index.set(op.row, op.height);
            if (op.row < model.length) model[op.row] = op.height;
          } else if (op.kind === 'estimate') {
            index.estimate = op.value;
            currentEstimate = op.value;
          } else {
            index.resize(op.rows);
            model = Array.from({ length: op.rows }, (_, i) => model[i]);
          }
        }
        assert.equal(index.count, model.length);
        assert.equal(index.total, naiveOffset(model, currentEstimate, model.length));
        for (let row = 0; row <= model.length; row++)
          assert.equal(index.offsetOf(row), naiveOffset(model, currentEstimate, row));
        const total = index.total;
        for (const offset of [0, 1, total / 3, total / 2, total - 1, total, total + 5].map(Math.floor))
          assert.equal(index.rowAt(offset), naiveRowAt(model, currentEstimate, offset), `rowAt(${offset})`);
      }),
    );
  });
});

describe('conversations: virtual layout', () => {
  it('maps scroll one to one while the content fits under the cap', () => {
    assert.deepEqual(scrollMapping(5_000_000, 800), { virtualHeight: 5_000_000, ratio: 1 });
  });

  it('scales a taller content so both ends are reachable', () => {
    const mapping = scrollMapping(30_000_800, 800);
    assert.equal(mapping.virtualHeight, MAX_VIRTUAL_HEIGHT);
    assert.equal(mapping.ratio, 30_000_000 / (MAX_VIRTUAL_HEIGHT - 800));
    assert.equal(contentOffsetAt(0, mapping), 0);
    // The greatest scrollTop shows the last viewport of the content.
    assert.equal(Math.round(contentOffsetAt(MAX_VIRTUAL_HEIGHT - 800, mapping)), 30_000_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), (offset) => {
        assert.ok(Math.abs(contentOffsetAt(scrollTopFor(offset, mapping), mapping) - offset) < 1e-6);
      }),
    );
  });

  it('finds the anchor row and the offset within it', () => {
    const heights = new HeightIndex(10, 100);
    heights.set(0, 30);
    assert.deepEqual(anchorAt(heights, 0), { row: 0, within: 0 });
    assert.deepEqual(anchorAt(heights, 29), { row: 0, within: 29 });
    assert.deepEqual(anchorAt(heights, 30), { row: 1, within: 0 });
    assert.deepEqual(anchorAt(heights, 175), { row: 2, within: 45 });
    assert.deepEqual(anchorAt(heights, 1e9), { row: 9, within: 100 });
    assert.equal(anchorOffset(heights, { row: 2, within: 45 }), 175);
  });

  it('keeps the anchored row in place when rows above it are measured', () => {
    const heights = new HeightIndex(100, 100);
    const anchor = anchorAt(heights, 5_050);
    assert.deepEqual(anchor, { row: 50, within: 50 });
    heights.set(10, 400);
    heights.set(20, 20);
    // The same row and offset within it: the content at the top of the viewport does not move.
    assert.equal(anchorOffset(heights, anchor), 5_050 + 300 - 80);
    assert.deepEqual(anchorAt(heights, anchorOffset(heights, anchor)), anchor);
  });

  it('covers the viewport plus the overscan from the anchor', () => {
    const heights = new HeightIndex(100, 100);
    assert.deepEqual(windowAt(heights, { row: 0, within: 0 }, 250, 100), { start: 0, end: 4, top: 0 });
    assert.deepEqual(windowAt(heights, { row: 10, within: 40 }, 250, 100), { start: 9, end: 14, top: -140 });
    assert.deepEqual(windowAt(heights, { row: 99, within: 0 }, 250, 100), { start: 98, end: 100, top: -100 });
    assert.deepEqual(windowAt(new HeightIndex(0, 100), { row: 0, within: 0 }, 250, 100), {
      start: 0,
      end: 0,
      top: 0,
    });
  });

  it('moves the least to reveal a row', () => {
    const heights = new HeightIndex(100, 100);
    const current = { row: 10, within: 0 };
    assert.equal(anchorToReveal(heights, current, 12, 400), current);
    assert.deepEqual(anchorToReveal(heights, current, 5, 400), { row: 5, within: 0 });
    assert.deepEqual(anchorToReveal(heights, current, 14, 400), { row: 11, within: 0 });
    assert.deepEqual(anchorToReveal(heights, current, 15, 450), { row: 11, within: 50 });
    heights.set(20, 900);
    assert.deepEqual(anchorToReveal(heights, current, 20, 400), { row: 20, within: 0 });
  });
});
