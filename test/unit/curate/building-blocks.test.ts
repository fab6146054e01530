import * as assert from 'node:assert/strict';
import { SeededRandom, shuffleInPlace } from '../../../src/core/curate/prng';
import { formatCurationReport } from '../../../src/core/curate/reportText';
import { ReportBuilder } from '../../../src/core/curate/report';

describe('SeededRandom', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it('matches splitmix32 reference values', () => {
    // Computed by hand from the algorithm: state 0 + golden ratio, then the murmur3 finaliser.
    const random = new SeededRandom(0);
    let z = 0x9e3779b9;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    assert.equal(random.nextUint32(), (z ^ (z >>> 16)) >>> 0);
  });

  it('draws integers in range, roughly uniformly', () => {
    const random = new SeededRandom(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60000; i++) counts[random.nextInt(6)]!++;
    for (const count of counts) assert.ok(count > 9500 && count < 10500, `count ${count}`);
    assert.ok(new SeededRandom(1).nextFloat() < 1);
  });

  it('shuffles into a permutation, the same one for the same seed', () => {
    const a = Uint32Array.from({ length: 50 }, (_, i) => i);
    const b = Uint32Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(a, new SeededRandom(5));
    shuffleInPlace(b, new SeededRandom(5));
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      Array.from(a),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.deepEqual(
      Array.from(a).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i),
    );
  });
});

describe('ReportBuilder and formatCurationReport', () => {
  it('caps the notes but counts all of them, and formats the first ones', () => {
    const builder = new ReportBuilder(2);
    builder.read = 5;
    builder.skip(0, 'blank line');
    builder.skip(3, 'duplicate of line 2');
    builder.skip(4, 'duplicate of line 2');
    builder.warn(1, 'not valid JSON', 'b.jsonl');
    const report = builder.finish([{ path: 'out.jsonl', lines: 2 }]);
    assert.equal(report.skippedCount, 3);
    assert.equal(report.skipped.length, 2);
    assert.equal(report.written, 2);
    assert.equal(
      formatCurationReport(report, 1),
      [
        'Read 5 lines, wrote 2.',
        '  out.jsonl: 2 lines',
        'Skipped 3 lines:',
        '  line 1: blank line',
        '  … and 2 more',
        'Warnings for 1 line:',
        '  b.jsonl line 2: not valid JSON',
        '',
      ].join('\n'),
    );
  });
});
