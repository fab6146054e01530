import { UnclosedQuoteError } from '../../../src/core/convert/csv/csvRecords';
import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { scanCsvRecords } from '../../../src/core/convert/twcs/recordScanner';
import { chunksOf, toCsv, trickyText } from './helpers';

interface Scanned {
  fields: string[];
  line: number;
  malformed: boolean;
}

/** Scans `text` and decodes each field the way the TWCS conversion does (absolute offsets, `""` unescaped). */
async function scan(text: string | Buffer, chunkSize: number): Promise<Scanned[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const records: Scanned[] = [];
  await scanCsvRecords(chunksOf(bytes, chunkSize), 44, (view) => {
    const fields: string[] = [];
    for (let field = 0; field < view.fieldCount; field++) {
      const start = view.base + view.starts[field]!;
      const value = bytes.toString('utf8', start, view.base + view.ends[field]!);
      fields.push(view.escaped[field] === 1 ? value.replaceAll('""', '"') : value);
    }
    records.push({ fields, line: view.line, malformed: view.malformed });
  });
  return records;
}

describe('CSV record scanner (TWCS byte offsets)', () => {
  it('finds fields, absolute offsets and start lines across quotes, CRLF, a BOM and blank lines', async () => {
    const text = '\uFEFFid,text\r\n1,"a, ""quoted""\r\nline"\r\n\r\n2,plain\r\n3,"last"';
    for (const size of [1, 2, 3, 5, 100]) {
      assert.deepEqual(
        await scan(text, size),
        [
          { fields: ['id', 'text'], line: 1, malformed: false },
          { fields: ['1', 'a, "quoted"\r\nline'], line: 2, malformed: false },
          { fields: ['2', 'plain'], line: 5, malformed: false },
          { fields: ['3', 'last'], line: 6, malformed: false },
        ],
        `chunk size ${size}`,
      );
    }
  });

  it('flags text after a closing quote and a quote never closed', async () => {
    assert.deepEqual(await scan('1,"ab"c,d\n2,"open\n', 4), [
      { fields: ['1', '"ab"c', 'd'], line: 1, malformed: true },
      { fields: ['2', 'open\n'], line: 2, malformed: true },
    ]);
  });

  it('stops on a record longer than the limit instead of buffering the rest of the file', async () => {
    const text = `1,"${'x'.repeat(5000)}`;
    await assert.rejects(
      scanCsvRecords(chunksOf(text, 1000), 44, () => undefined, 2048),
      (error: unknown) =>
        error instanceof UnclosedQuoteError && error.line === 1 && /runs past 2 KiB/.test(error.message),
    );
  });

  it('stops at a quote never closed that takes in the lines after it, naming the line where it opened', async () => {
    for (const size of [1, 4, 1024]) {
      await assert.rejects(
        scan('id,text\n1,ok\n2,"open\n3,lost\n4,lost too\n', size),
        (error: unknown) =>
          error instanceof UnclosedQuoteError &&
          error.line === 3 &&
          /line 3 opens a quote that is never closed: lines 3–5/.test(error.message),
        `chunk size ${size}`,
      );
    }
  });

  it('agrees with csv-parse on any well-formed CSV, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(trickyText(), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        async (rows, chunkSize) => {
          const text = toCsv(rows);
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: true });
          const scanned = await scan(text, chunkSize);
          assert.deepEqual(
            scanned.map((record) => record.fields),
            expected,
          );
          assert.ok(scanned.every((record) => !record.malformed));
        },
      ),
      { numRuns: 300 },
    );
  });
});
