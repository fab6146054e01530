import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readLineBatches, type ByteLine } from '../../../src/core/jsonl/byteLines';
import { readLineRegions, regionLines, type LineRegion } from '../../../src/core/jsonl/lineRegions';

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  // One reused Buffer, as the file reader does: a region must not keep a view into it.
  const buffer = Buffer.alloc(size);
  for (let at = 0; at < bytes.length; at += size) {
    const piece = bytes.subarray(at, at + size);
    await Promise.resolve(); // as a file stream would, hand control back between chunks
    buffer.set(piece);
    yield buffer.subarray(0, piece.length);
    buffer.fill(0x7e);
  }
}

async function viaRegions(
  bytes: Uint8Array,
  chunk: number,
  longLineBytes: number,
  maxLineBytes: number,
): Promise<{ lines: ByteLine[]; regions: LineRegion[]; long: ByteLine[] }> {
  const lines: ByteLine[] = [];
  const regions: LineRegion[] = [];
  const long: ByteLine[] = [];
  for await (const item of readLineRegions(chunksOf(bytes, chunk), { longLineBytes, maxLineBytes })) {
    if ('kind' in item) {
      regions.push(item);
      lines.push(...regionLines(item));
    } else {
      long.push(item);
      lines.push(item);
    }
  }
  return { lines, regions, long };
}

async function viaBatches(bytes: Uint8Array, chunk: number, maxLineBytes: number): Promise<ByteLine[]> {
  const lines: ByteLine[] = [];
  for await (const batch of readLineBatches(chunksOf(bytes, chunk), { maxLineBytes }))
    for (const line of batch) lines.push({ ...line, bytes: Uint8Array.prototype.slice.call(line.bytes) });
  return lines;
}

const plain = (lines: ByteLine[]) =>
  lines.map((line) => ({ ...line, bytes: Buffer.from(line.bytes).toString('latin1') }));
const encode = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('readLineRegions', () => {
  it('cuts regions at chunk ends, counts their lines, and strips \\r\\n only in the line views', async () => {
    const { regions, lines } = await viaRegions(encode('ab\r\ncd\nef\ngh'), 5, 100, 100);
    assert.deepEqual(
      regions.map((r) => [r.firstLine, r.byteOffset, r.lineCount, Buffer.from(r.bytes).toString('latin1')]),
      [
        [0, 0, 1, 'ab\r\n'],
        [1, 4, 2, 'cd\nef\n'],
        [3, 10, 1, 'gh'],
      ],
    );
    assert.deepEqual(
      plain(lines).map((l) => [l.line, l.byteOffset, l.bytes]),
      [
        [0, 0, 'ab'],
        [1, 4, 'cd'],
        [2, 7, 'ef'],
        [3, 10, 'gh'],
      ],
    );
  });

  it('hands a line longer than longLineBytes out on its own, truncated past maxLineBytes, in order', async () => {
    const text = `a\n${'x'.repeat(30)}\nb\n${'y'.repeat(12)}`;
    const { long, lines } = await viaRegions(encode(text), 4, 8, 20);
    assert.deepEqual(
      plain(long).map((l) => [l.line, l.byteLength, l.truncated, l.bytes.length]),
      [
        [1, 30, true, 20],
        [3, 12, false, 12],
      ],
    );
    assert.deepEqual(
      lines.map((l) => l.line),
      [0, 1, 2, 3],
    );
  });

  it('keeps byte offsets right when the consumer transfers each region away (as the worker pool does)', async () => {
    const text = `a\n${'x'.repeat(30)}\nbb\ncc\n`;
    const places: [number, number][] = [];
    for await (const item of readLineRegions(chunksOf(encode(text), 4), { longLineBytes: 8, maxLineBytes: 100 })) {
      if ('kind' in item) {
        places.push([item.firstLine, item.byteOffset]);
        structuredClone(item.bytes.buffer, { transfer: [item.bytes.buffer as ArrayBuffer] });
      } else {
        places.push([item.line, item.byteOffset]);
      }
    }
    assert.deepEqual(places, [
      [0, 0],
      [1, 2],
      [2, 33],
      [3, 36],
    ]);
  });

  it('gives exactly the lines of readLineBatches for any bytes, and chunks no longer than either limit', async () => {
    const byte = fc.constantFrom(10, 13, 0x61, 0x62, 0xc3, 0xa9, 0x7b);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(byte, { maxLength: 300 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        async (noise, shaped, chunk, extra, extraMax) => {
          const bytes = Uint8Array.from([...shaped, ...noise.slice(0, 20)]);
          const longLineBytes = chunk + extra;
          const maxLineBytes = chunk + extraMax;
          const { lines } = await viaRegions(bytes, chunk, longLineBytes, maxLineBytes);
          assert.deepEqual(plain(lines), plain(await viaBatches(bytes, chunk, maxLineBytes)));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
