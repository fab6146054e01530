import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { FileStore } from '../../../simulator/fileStore';

describe('simulator: file store', () => {
  it('gives segments opened at the same time, before its folder exists, their own paths', async () => {
    const store = new FileStore();
    try {
      const sinks = await Promise.all([store.openSegment(), store.openSegment()]);
      const written = await Promise.all([store.writeSegment('a'), store.writeSegment('b')]);
      const streamed = [];
      for (const [index, sink] of sinks.entries()) {
        await sink.write(Buffer.from(`part ${index}`));
        await sink.end();
        streamed.push(await sink.done);
      }
      const paths = [...streamed, ...written].map((segment) => segment.path);
      assert.equal(new Set(paths).size, 4, paths.join(', '));
    } finally {
      await store.close();
    }
  });

  it('removes every stored byte on close, and refuses new ones after', async () => {
    const store = new FileStore();
    const segment = await store.writeSegment('hello');
    assert.ok(existsSync(segment.path));
    await store.close();
    assert.equal(existsSync(segment.path), false);
    await assert.rejects(store.writeSegment('late'), /closed/);
  });
});
