import * as assert from 'node:assert/strict';
import { fileChunks } from '../../../src/core/io/fileChunks';
import { outputPathFor } from '../../../src/core/io/outputPath';
import { openRandomAccess } from '../../../src/core/io/randomAccess';
import { TempFolder } from '../curate/tempFiles';

describe('fileChunks and openRandomAccess', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  it('streams a file in chunks of the requested size', async () => {
    const path = temp.file('abcdefghij');
    const chunks: string[] = [];
    for await (const chunk of fileChunks(path, { highWaterMark: 4 })) chunks.push(Buffer.from(chunk).toString());
    assert.deepEqual(chunks, ['abcd', 'efgh', 'ij']);
  });

  it('stops with an AbortError when the signal fires', async () => {
    const path = temp.file('x'.repeat(100));
    const controller = new AbortController();
    controller.abort();
    const read: Uint8Array[] = [];
    await assert.rejects(
      async () => {
        for await (const chunk of fileChunks(path, { signal: controller.signal, highWaterMark: 10 })) read.push(chunk);
      },
      { name: 'AbortError' },
    );
    assert.equal(read.length, 0);
  });

  it('reads byte ranges by position, shorter at the end of the file', async () => {
    const path = temp.file('héllo world');
    const file = await openRandomAccess(path);
    try {
      assert.equal(Buffer.from(await file.readAt(7, 5)).toString(), 'world');
      assert.equal(Buffer.from(await file.readAt(0, 3)).toString(), 'hé');
      assert.equal(Buffer.from(await file.readAt(11, 10)).toString(), 'd');
    } finally {
      await file.close();
    }
  });
});

describe('outputPathFor', () => {
  it('replaces the extension with .<suffix>.jsonl next to the input', () => {
    assert.equal(outputPathFor('data.jsonl', 'train'), 'data.train.jsonl');
    assert.equal(outputPathFor('tweets.csv', 'chat'), 'tweets.chat.jsonl');
    assert.equal(outputPathFor('/a/b/set.v2.jsonl', 'dedup'), '/a/b/set.v2.dedup.jsonl');
    assert.equal(outputPathFor('/a/noext', 'validation'), '/a/noext.validation.jsonl');
    assert.equal(outputPathFor('/a/.hidden', 'train'), '/a/.hidden.train.jsonl');
  });
});
