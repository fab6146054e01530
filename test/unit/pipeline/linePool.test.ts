import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  CompactBatchWriter,
  forEachLine,
  type CompactBatch,
  type CompactLine,
} from '../../../src/core/pipeline/compactBatch';
import { analyseLines } from '../../../src/core/pipeline/compactLine';
import { LinePool } from '../../../src/core/pipeline/linePool';
import { regionLines, type LineRegion } from '../../../src/core/jsonl/lineRegions';
import { workerFixture } from '../workerBundle';

const chat = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: i % 7 === 0 ? 'Assistant' : 'assistant', content: `answer ${i % 5}` },
    ],
  });

/** A region of `count` lines starting at `firstLine`, with a broken line now and then. */
function region(firstLine: number, count: number, byteOffset: number): LineRegion {
  const lines = Array.from({ length: count }, (_, i) => (i % 11 === 3 ? '{"messages": [' : chat(firstLine + i)));
  return {
    kind: 'region',
    firstLine,
    byteOffset,
    bytes: new Uint8Array(Buffer.from(`${lines.join('\n')}\n`)),
    lineCount: count,
  };
}

/** What the calling thread makes of a region: the reference for what workers must deliver. */
function analysedHere(r: LineRegion): CompactLine[] {
  const lines = regionLines(r);
  const writer = new CompactBatchWriter(0, r.firstLine, lines.length);
  analyseLines(lines, { format: 'chat' }, (row, analysis, tokens, line) => writer.set(row, analysis, tokens, line));
  const out: CompactLine[] = [];
  forEachLine(writer.finish().batch, (line) => out.push({ ...line }));
  return out;
}

describe('LinePool (real worker threads)', function () {
  const fixture = workerFixture('src/core/pipeline/lineWorker.ts', 'validate-worker.js');

  it('analyses regions in workers and delivers them strictly in order, as the calling thread would analyse them', async () => {
    // Regions of very different sizes, so that workers finish out of order.
    const sizes = [400, 3, 900, 1, 250, 60, 700, 2];
    const regions: LineRegion[] = [];
    for (let i = 0, line = 0, offset = 0; i < sizes.length; i++) {
      const r = region(line, sizes[i]!, offset);
      regions.push(r);
      line += r.lineCount;
      offset += r.bytes.length;
    }
    const expected = regions.map(analysedHere);
    const delivered: CompactBatch[] = [];
    const recycled: ArrayBuffer[] = [];
    const pool = new LinePool(
      fixture.workerPath,
      2,
      { format: 'chat', model: undefined, defaultExampleTokenLimit: 65_536 },
      (batch) => delivered.push(batch),
      (buffer) => recycled.push(buffer),
      3,
    );
    assert.equal(pool.starting, true);
    try {
      for (let seq = 0; seq < regions.length; seq++) {
        const r = regions[seq]!;
        // The pool takes the region's buffer: send a copy, keep the original for the reference.
        await pool.submit({ ...r, bytes: r.bytes.slice(), seq });
      }
      await pool.drain();
      assert.equal(pool.starting, false);
    } finally {
      await pool.close();
    }
    assert.deepEqual(
      delivered.map((b) => b.seq),
      regions.map((_r, seq) => seq),
    );
    assert.equal(recycled.length, regions.length);
    delivered.forEach((batch, i) => {
      const lines: CompactLine[] = [];
      forEachLine(batch, (line) => lines.push({ ...line }));
      assert.deepEqual(lines, expected[i], `region ${i}`);
    });
    assert.ok(delivered.flatMap((b) => b.problems).length > 0, 'the regions had problems to carry');
  });

  it('fails with the error of a worker that cannot start, and refuses more batches', async () => {
    const pool = new LinePool(
      join(fixture.temp.path, 'missing-worker.js'),
      1,
      { format: 'chat', model: undefined, defaultExampleTokenLimit: 65_536 },
      () => undefined,
    );
    try {
      // The worker may come online before it fails to load its module: submit may still succeed, drain may not.
      await assert.rejects(
        pool.submit({ ...region(0, 2, 0), seq: 0 }).then(() => pool.drain()),
        /missing-worker|Cannot find module/,
      );
      assert.equal(pool.starting, false);
      await assert.rejects(pool.submit({ ...region(2, 2, 100), seq: 1 }), /missing-worker|Cannot find module/);
    } finally {
      await pool.close();
    }
  });
});
