import { strict as assert } from 'node:assert';
import { DuplicateCandidates } from '../../../src/core/duplicates/duplicateCandidates';

describe('DuplicateCandidates', () => {
  it('picks, once each and in line order, the lines whose example or prompt sketch repeats, with their places', () => {
    const candidates = new DuplicateCandidates();
    // line, example sketch, prompt sketch
    const rows: [number, number, number | undefined][] = [
      [0, 10, 1],
      [2, 11, 2],
      [3, 10, 1], // copy of line 0 (both sketches repeat)
      [5, 12, 2], // same prompt as line 2, another answer
      [6, 13, undefined], // no prompt: only its example sketch counts
      [7, 14, 3],
      [9, 13, undefined], // copy of line 6
    ];
    for (const [line, example, prompt] of rows) candidates.add(line, 2 ** 33 + 1000 * line, 90 + line, example, prompt);
    const found = candidates.candidates();
    assert.deepEqual([...found.line], [0, 2, 3, 5, 6, 9]);
    assert.deepEqual(
      [...found.byteOffset],
      [0, 2, 3, 5, 6, 9].map((line) => 2 ** 33 + 1000 * line),
    );
    assert.deepEqual([...found.byteLength], [90, 92, 93, 95, 96, 99]);
  });

  it('has no candidates when every sketch is distinct, or no examples', () => {
    const candidates = new DuplicateCandidates();
    for (let line = 0; line < 1000; line++) candidates.add(line, line * 10, 9, line, 5000 + line);
    assert.equal(candidates.candidates().line.length, 0);
    assert.equal(new DuplicateCandidates().candidates().line.length, 0);
  });
});
