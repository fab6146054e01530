import * as assert from 'node:assert/strict';
import { splitLines } from '../../../src/core/jsonl/lines';
import { readByteLines } from '../../../src/core/jsonl/byteLines';

function chunksOf(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return {
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return {
        next: () =>
          Promise.resolve(i < chunks.length ? { done: false, value: chunks[i++]! } : { done: true, value: undefined }),
      };
    },
  };
}

async function collect(text: string, size: number, maxLineBytes?: number) {
  const out = [];
  for await (const l of readByteLines(chunksOf(text, size), maxLineBytes === undefined ? {} : { maxLineBytes })) {
    out.push({
      line: l.line,
      offset: l.byteOffset,
      text: Buffer.from(l.bytes).toString('utf8'),
      length: l.byteLength,
      truncated: l.truncated,
    });
  }
  return out;
}

describe('splitLines', () => {
  it('splits LF and CRLF and keeps offsets', () => {
    assert.deepEqual(splitLines('a\r\nbc\nd'), [
      { line: 0, offset: 0, text: 'a' },
      { line: 1, offset: 3, text: 'bc' },
      { line: 2, offset: 6, text: 'd' },
    ]);
  });
  it('does not return the empty line after a final newline', () => {
    assert.deepEqual(
      splitLines('a\n').map((l) => l.text),
      ['a'],
    );
    assert.deepEqual(
      splitLines('a\n\n').map((l) => l.text),
      ['a', ''],
    );
  });
});

describe('readByteLines', () => {
  const text = 'first\r\nsecond é\n\nlast';
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`splits the same way whatever the chunk size (${size})`, async () => {
      assert.deepEqual(await collect(text, size), [
        { line: 0, offset: 0, text: 'first', length: 5, truncated: false },
        { line: 1, offset: 7, text: 'second é', length: 9, truncated: false },
        { line: 2, offset: 17, text: '', length: 0, truncated: false },
        { line: 3, offset: 18, text: 'last', length: 4, truncated: false },
      ]);
    });
  }
  it('caps a huge line and reports its full length', async () => {
    const lines = await collect(`${'x'.repeat(100)}\nok\n`, 7, 10);
    assert.deepEqual(lines, [
      { line: 0, offset: 0, text: 'x'.repeat(10), length: 100, truncated: true },
      { line: 1, offset: 101, text: 'ok', length: 2, truncated: false },
    ]);
  });
});
