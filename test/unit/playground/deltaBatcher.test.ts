import * as assert from 'node:assert/strict';
import { DeltaBatcher } from '../../../src/playground/deltaBatcher';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeltaBatcher', () => {
  it('sends the first chunk at once and joins the later ones until the interval passes', async () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 20);
    batcher.push('He');
    assert.deepEqual(sent, ['He']);
    batcher.push('llo');
    batcher.push(', ');
    batcher.push('world');
    assert.deepEqual(sent, ['He'], 'nothing more before the interval');
    await tick(40);
    assert.deepEqual(sent, ['He', 'llo, world']);
  });

  it('flush sends what waits at once, and nothing when nothing waits', () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 1000);
    batcher.push('a');
    batcher.push('b');
    batcher.push('');
    batcher.flush();
    batcher.flush();
    assert.deepEqual(sent, ['a', 'b']);
  });

  it('loses and reorders nothing: the sent pieces join to exactly the pushed text', async () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 1);
    const chunks = Array.from({ length: 500 }, (_, i) => `${i}:\u{1F600}\n`);
    for (const [i, chunk] of chunks.entries()) {
      batcher.push(chunk);
      if (i % 100 === 0) await tick(2);
    }
    batcher.flush();
    assert.equal(sent.join(''), chunks.join(''));
    assert.ok(sent.length < 50, `${sent.length} messages for 500 chunks`);
  });
});
