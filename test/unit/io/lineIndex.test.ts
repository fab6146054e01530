import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { indexLines, LineOffsets, type LineIndex } from '../../../src/core/io/lineIndex';
import { TempFolder } from '../curate/tempFiles';

/** The lines an editor's split gives, counted as the validator does: no empty line after a final line break. */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const withoutCr = lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (withoutCr[0]?.startsWith('\uFEFF')) withoutCr[0] = withoutCr[0].slice(1);
  return withoutCr;
}

async function allLines(index: LineIndex): Promise<string[]> {
  return index.readLines(0, index.lineCount);
}

/** Indexes `path`, hands the index to `use` and closes it. */
async function withIndex<T>(
  path: string,
  use: (index: LineIndex) => Promise<T>,
  options?: Parameters<typeof indexLines>[1],
): Promise<T> {
  const index = await indexLines(path, options);
  try {
    return await use(index);
  } finally {
    await index.close();
  }
}

describe('indexLines', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  it('gives no lines for an empty file', async () => {
    await withIndex(temp.file(''), async (index) => {
      assert.equal(index.lineCount, 0);
      assert.equal(index.byteLength, 0);
      assert.deepEqual(await index.readLines(0, 10), []);
    });
  });

  it('counts a last line without a line break, and no empty line after a final one', async () => {
    const cases: [string, string[]][] = [
      ['a\nbc', ['a', 'bc']],
      ['a\nbc\n', ['a', 'bc']],
      ['a\n\n', ['a', '']],
      ['\n', ['']],
      ['\n\n', ['', '']],
      ['x', ['x']],
    ];
    for (const [text, lines] of cases) {
      await withIndex(temp.file(text), async (index) => {
        assert.equal(index.lineCount, lines.length, JSON.stringify(text));
        assert.equal(index.byteLength, Buffer.byteLength(text));
        assert.deepEqual(await allLines(index), lines, JSON.stringify(text));
      });
    }
  });

  it('drops \\r before \\n and at the end of the file only (as the validator does)', async () => {
    await withIndex(temp.file('a\r\nb\rc\r\n\r\n\r\r\nlast\r'), async (index) => {
      assert.deepEqual(await allLines(index), ['a', 'b\rc', '', '\r', 'last']);
    });
  });

  it('strips a byte order mark from line 0 only, also when it spans reads', async () => {
    const path = temp.file('\uFEFF{"a":1}\r\n\uFEFF{"b":2}\n');
    for (const chunkSize of [1, 2, 3, 1024]) {
      await withIndex(
        path,
        async (index) => {
          assert.deepEqual(await allLines(index), ['{"a":1}', '\uFEFF{"b":2}']);
          assert.deepEqual(await index.readLines(0, 1), ['{"a":1}']);
          assert.deepEqual(await index.readLines(1, 1), ['\uFEFF{"b":2}']);
        },
        { chunkSize },
      );
    }
    await withIndex(temp.file('\uFEFF'), async (index) => {
      assert.equal(index.lineCount, 1);
      assert.deepEqual(await allLines(index), ['']);
    });
  });

  it('keeps multi-byte characters whole when reads split them', async () => {
    const text = 'é\n😀😀\n日本語\r\n{"t":"ü"}\n\n€';
    const path = temp.file(text);
    for (let chunkSize = 1; chunkSize <= 9; chunkSize++) {
      await withIndex(
        path,
        async (index) => {
          assert.deepEqual(await allLines(index), ['é', '😀😀', '日本語', '{"t":"ü"}', '', '€']);
          assert.deepEqual(await index.readLines(1, 2), ['😀😀', '日本語']);
        },
        { chunkSize },
      );
    }
  });

  it('decodes invalid UTF-8 as U+FFFD', async () => {
    const bytes = Uint8Array.from([0x61, 0xff, 0x62, 0x0a, 0xc3, 0x0a, 0xe2, 0x82, 0x0d, 0x0a, 0x63]);
    await withIndex(temp.file(bytes), async (index) => {
      assert.deepEqual(await allLines(index), ['a\uFFFDb', '\uFFFD', '\uFFFD', 'c']);
    });
  });

  it('clamps the requested range to the file', async () => {
    await withIndex(temp.file('0\n1\n2\n3\n4\n'), async (index) => {
      assert.deepEqual(await index.readLines(-2, 4), ['0', '1']);
      assert.deepEqual(await index.readLines(3, 10), ['3', '4']);
      assert.deepEqual(await index.readLines(2, 0), []);
      assert.deepEqual(await index.readLines(2, -3), []);
      assert.deepEqual(await index.readLines(5, 1), []);
      assert.deepEqual(await index.readLines(Number.NaN, 2), []);
    });
  });

  it('indexes a 300,000-line file: the count and random pages equal split', async () => {
    const rows: string[] = [];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let row = 0; row < 300_000; row++) {
      const filler = ['', 'é', '😀', 'abc', '日本'][next() % 5] as string;
      rows.push(`{"row":${row},"text":"${filler.repeat(next() % 40)}"}${row % 7 === 0 ? '\r' : ''}`);
    }
    const text = rows.join('\n') + '\n';
    const expected = expectedLines(text);
    await withIndex(temp.file(text), async (index) => {
      assert.equal(index.lineCount, 300_000);
      assert.equal(index.lineCount, expected.length);
      assert.equal(index.byteLength, Buffer.byteLength(text));
      for (let page = 0; page < 200; page++) {
        const start = next() % 300_010;
        const count = next() % 300;
        assert.deepEqual(
          await index.readLines(start, count),
          expected.slice(start, start + count),
          `${start}+${count}`,
        );
      }
      assert.deepEqual(await index.readLines(299_900, 200), expected.slice(299_900));
    });
  });

  it('reads the lines of a page with one read of their byte range', async () => {
    const rows = Array.from({ length: 1000 }, (_, row) => `${row}:${'x'.repeat(2000)}`);
    const path = temp.file(rows.join('\n') + '\n');
    const index = await indexLines(path);
    const probe = await open(path, 'r');
    const prototype = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const reads: [number, number][] = [];
    type Read = (this: FileHandle, ...args: unknown[]) => Promise<unknown>;
    const read = Object.getOwnPropertyDescriptor(prototype, 'read')?.value as Read;
    // Records the length and position of each read made while the page is read.
    Object.defineProperty(prototype, 'read', {
      configurable: true,
      writable: true,
      value: function (this: FileHandle, ...args: unknown[]) {
        reads.push([args[2] as number, args[3] as number]);
        return read.apply(this, args);
      },
    });
    try {
      assert.deepEqual(await index.readLines(500, 200), rows.slice(500, 700));
    } finally {
      Object.defineProperty(prototype, 'read', { configurable: true, writable: true, value: read });
      await index.close();
    }
    const byteLength = (row: number): number => Buffer.byteLength(rows[row] as string) + 1;
    const pageStart = rows.slice(0, 500).reduce((sum, _, row) => sum + byteLength(row), 0);
    const pageLength = rows.slice(500, 700).reduce((sum, _, row) => sum + byteLength(500 + row), 0);
    // From line 500's first byte to line 699's last, without its line break.
    assert.deepEqual(reads, [[pageLength - 1, pageStart]]);
  });

  it('reports progress after each read', async () => {
    const calls: [number, number][] = [];
    await withIndex(temp.file('0123456789'), () => Promise.resolve(), {
      chunkSize: 4,
      onProgress: (bytesRead, byteLength) => calls.push([bytesRead, byteLength]),
    });
    assert.deepEqual(calls, [
      [4, 10],
      [8, 10],
      [10, 10],
    ]);
  });

  it('stops with an AbortError when the signal fires, before or during the pass', async () => {
    const path = temp.file('a\n'.repeat(100));
    const before = new AbortController();
    before.abort();
    await assert.rejects(indexLines(path, { signal: before.signal }), { name: 'AbortError' });

    const during = new AbortController();
    let progressCalls = 0;
    await assert.rejects(
      indexLines(path, {
        signal: during.signal,
        chunkSize: 16,
        onProgress: () => {
          progressCalls++;
          during.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.equal(progressCalls, 1);
  });

  it('refuses a missing file or a folder with a message naming the path', async () => {
    const missing = temp.target('missing.jsonl');
    await assert.rejects(indexLines(missing), {
      name: 'FileError',
      message: `Cannot read ${missing}: no such file or folder (ENOENT)`,
    });
    const folder = join(temp.path, 'folder.jsonl');
    mkdirSync(folder);
    await assert.rejects(indexLines(folder), (error: Error) => {
      assert.equal(error.name, 'FileError');
      assert.ok(error.message.startsWith(`Cannot read ${folder}: it is a folder, not a regular file.`), error.message);
      return true;
    });
  });

  it('refuses reads after close, and closes once', async () => {
    const path = temp.file('a\nb\n');
    const index = await indexLines(path);
    await index.close();
    await index.close();
    await assert.rejects(index.readLines(0, 1), { message: `Cannot read ${path}: its line index is closed` });
  });

  it('reads back any lines with any line breaks and read size (property)', async () => {
    const character = fc.constantFrom('a', 'é', '😀', '日', '\r', '\uFEFF', ' ', '"');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: character, maxLength: 12 }), { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(40),
        fc.nat(40),
        async (rows, finalBreak, chunkSize, start, count) => {
          const text = rows.join('\n') + (finalBreak && rows.length > 0 ? '\n' : '');
          const expected = expectedLines(text);
          await withIndex(
            temp.file(text),
            async (index) => {
              assert.equal(index.lineCount, expected.length);
              assert.deepEqual(await allLines(index), expected);
              assert.deepEqual(await index.readLines(start, count), expected.slice(start, start + count));
            },
            { chunkSize },
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('LineOffsets', () => {
  it('keeps offsets past 4 GiB, also when one line spans several 4 GiB steps', () => {
    const offsets = [0, 5, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 3 * 2 ** 32 + 7, 3 * 2 ** 32 + 7, 2 ** 40 + 1];
    const list = new LineOffsets();
    for (const offset of offsets) list.push(offset);
    list.trimmed();
    assert.equal(list.length, offsets.length);
    assert.deepEqual(
      offsets.map((_, index) => list.at(index)),
      offsets,
    );
  });

  it('returns every ascending offset it was given (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 33 }), { maxLength: 3000 }), (steps) => {
        const offsets: number[] = [];
        let offset = 0;
        for (const step of steps) offsets.push((offset += step));
        const list = new LineOffsets();
        for (const value of offsets) list.push(value);
        assert.deepEqual(
          offsets.map((_, index) => list.at(index)),
          offsets,
        );
        list.trimmed();
        list.push(offset + 1);
        assert.equal(list.at(offsets.length), offset + 1);
      }),
      { numRuns: 50 },
    );
  });
});
