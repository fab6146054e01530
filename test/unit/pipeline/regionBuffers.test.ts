import { strict as assert } from 'node:assert';
import { RegionBuffers } from '../../../src/core/pipeline/regionBuffers';

describe('RegionBuffers', () => {
  it('reuses a returned buffer for the next region that fits, and allocates otherwise', () => {
    const buffers = new RegionBuffers();
    const first = buffers.take(100);
    assert.equal(first.length, 100);
    const second = buffers.take(200);
    assert.notEqual(second.buffer, first.buffer);
    buffers.give(first.buffer as ArrayBuffer);
    const third = buffers.take(5000);
    assert.equal(third.buffer, first.buffer);
    assert.equal(third.length, 5000);
    assert.notEqual(buffers.take(10).buffer, first.buffer);
  });

  it('lets oversized buffers go and keeps at most maxFree', () => {
    const buffers = new RegionBuffers(1);
    const huge = buffers.take(8 * 1024 * 1024);
    buffers.give(huge.buffer as ArrayBuffer);
    assert.notEqual(buffers.take(10).buffer, huge.buffer);
    const a = buffers.take(10);
    const b = buffers.take(10);
    buffers.give(a.buffer as ArrayBuffer);
    buffers.give(b.buffer as ArrayBuffer);
    assert.equal(buffers.take(10).buffer, a.buffer);
    assert.notEqual(buffers.take(10).buffer, b.buffer);
  });
});
