import * as assert from 'node:assert/strict';
import { FileStore } from '../../../simulator/fileStore';
import { checkTrainingFile } from '../../../simulator/trainingFile';

describe('simulator: the training file check of a job', () => {
  const store = new FileStore();
  after(() => store.close());

  async function check(...segments: string[]) {
    const stored = await Promise.all(segments.map((content) => store.writeSegment(content)));
    const object = store.add({ filename: 't.jsonl', purpose: 'fine-tune' }, stored);
    const file = store.get(object.id);
    assert.ok(file);
    return checkTrainingFile(store, file);
  }

  it('counts lines, with or without a final newline, across segments', async () => {
    assert.deepEqual(await check('{"a":1}\n{"a":2}\n'), { lines: 2 });
    assert.deepEqual(await check('{"a":1}\n{"a"', ':2}'), { lines: 2 });
    assert.deepEqual(await check(''), { lines: 0 });
  });

  it('finds the first line that is not a JSON object (blank lines pass)', async () => {
    assert.deepEqual(await check('{"a":1}\n\n[1]\nnope\n'), { lines: 4, badLine: 3 });
    assert.deepEqual(await check('{"a":1}\n{"messages": ['), { lines: 2, badLine: 2 });
  });

  it('judges only the first megabyte, and not a line cut off at its end', async () => {
    const line = `{"text":"${'x'.repeat(1000)}"}\n`;
    const lines = Math.ceil((1024 * 1024) / line.length) + 5;
    assert.deepEqual(await check(line.repeat(lines)), { lines });
    assert.deepEqual(await check(line.repeat(lines), 'broken\n'), { lines: lines + 1 });
  });
});
