import * as assert from 'node:assert/strict';
import { coversVisible, windowsAround } from '../../../src/core/playground/lineWindows';

describe('windowsAround', () => {
  it('widens each visible range by the margin, inside the document', () => {
    assert.deepEqual(windowsAround([{ start: 1000, end: 1040 }], 100_000, 500), [{ start: 500, end: 1540 }]);
    assert.deepEqual(windowsAround([{ start: 100, end: 140 }], 100_000, 500), [{ start: 0, end: 640 }]);
    assert.deepEqual(windowsAround([{ start: 99_980, end: 100_000 }], 100_000, 500), [{ start: 99_480, end: 100_000 }]);
  });

  it('sorts the windows and merges those that overlap or touch', () => {
    const visible = [
      { start: 5000, end: 5040 },
      { start: 1000, end: 1040 },
      { start: 1500, end: 1540 },
      { start: 2540, end: 2550 },
    ];
    assert.deepEqual(windowsAround(visible, 100_000, 500), [
      { start: 500, end: 3050 },
      { start: 4500, end: 5540 },
    ]);
  });

  it('has no windows without visible ranges or lines', () => {
    assert.deepEqual(windowsAround([], 100_000, 500), []);
    assert.deepEqual(windowsAround([{ start: 0, end: 1 }], 0, 500), []);
  });
});

describe('coversVisible', () => {
  const windows = [{ start: 500, end: 1540 }];

  it('is true while the visible lines keep the guard away from both edges', () => {
    assert.equal(coversVisible(windows, [{ start: 1000, end: 1040 }], 100_000, 200), true);
    assert.equal(coversVisible(windows, [{ start: 700, end: 740 }], 100_000, 200), true);
    assert.equal(coversVisible(windows, [{ start: 1300, end: 1340 }], 100_000, 200), true);
  });

  it('is false once the visible lines come within the guard of an edge, or lie outside', () => {
    assert.equal(coversVisible(windows, [{ start: 699, end: 739 }], 100_000, 200), false);
    assert.equal(coversVisible(windows, [{ start: 1301, end: 1341 }], 100_000, 200), false);
    assert.equal(coversVisible(windows, [{ start: 60_000, end: 60_040 }], 100_000, 200), false);
    assert.equal(coversVisible([], [{ start: 0, end: 40 }], 100_000, 200), false);
  });

  it('needs no guard at the first and last line of the document', () => {
    assert.equal(coversVisible([{ start: 0, end: 540 }], [{ start: 0, end: 40 }], 100_000, 200), true);
    assert.equal(
      coversVisible([{ start: 99_460, end: 100_000 }], [{ start: 99_960, end: 100_000 }], 100_000, 200),
      true,
    );
  });

  it('needs every visible range covered', () => {
    const two = [
      { start: 1000, end: 1040 },
      { start: 60_000, end: 60_040 },
    ];
    assert.equal(coversVisible(windows, two, 100_000, 200), false);
    assert.equal(coversVisible([...windows, { start: 59_500, end: 60_540 }], two, 100_000, 200), true);
  });
});
