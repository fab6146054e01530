import * as assert from 'node:assert/strict';
import { dedupeDataset } from '../../../src/core/curate/dedupe';
import { dropOverTokenLimit } from '../../../src/core/curate/tokenLimit';
import { TempFolder, readBytes, readText } from './tempFiles';

describe('dedupeDataset', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  const input =
    [
      '{"q":"Hi","a":"Hello"}',
      '{"q":"Hi","a":"Hello"}\r',
      '{"a":"hello","q":" hi "}',
      '',
      'not json',
      'not json',
      '{"q":"Bye","a":"\\u00e9"}',
    ].join('\n') + '\n';

  it('exact mode drops byte-identical lines (line endings aside) and keeps the first', async () => {
    const path = temp.file(input);
    const output = temp.target();
    const report = await dedupeDataset({ input: path, output, mode: 'exact' });
    assert.equal(
      readText(output),
      '{"q":"Hi","a":"Hello"}\n{"a":"hello","q":" hi "}\nnot json\n{"q":"Bye","a":"\\u00e9"}\n',
    );
    assert.deepEqual(report.skipped, [
      { line: 2, reason: 'duplicate of line 1' },
      { line: 4, reason: 'blank line' },
      { line: 6, reason: 'duplicate of line 5' },
    ]);
    assert.equal(report.read, 7);
    assert.equal(report.written, 4);
    assert.equal(report.warningCount, 0);
    assert.equal(readText(path), input);
  });

  it('normalized mode also drops presentation variants and warns about lines that are not JSON', async () => {
    const path = temp.file(input);
    const output = temp.target();
    const report = await dedupeDataset({ input: path, output, mode: 'normalized' });
    assert.equal(readText(output), '{"q":"Hi","a":"Hello"}\nnot json\n{"q":"Bye","a":"\\u00e9"}\n');
    assert.deepEqual(
      report.skipped.map((note) => `${note.line}: ${note.reason}`),
      ['2: duplicate of line 1', '3: duplicate of line 1', '4: blank line', '6: duplicate of line 5'],
    );
    assert.deepEqual(
      report.warnings.map((note) => note.line),
      [5, 6],
    );
  });

  it('json mode (the default of both fronts) drops what validation calls duplicates: same JSON, exact text', async () => {
    const path = temp.file(input);
    const output = temp.target();
    const report = await dedupeDataset({ input: path, output, mode: 'json' });
    assert.equal(
      readText(output),
      '{"q":"Hi","a":"Hello"}\n{"a":"hello","q":" hi "}\nnot json\n{"q":"Bye","a":"\\u00e9"}\n',
    );
    assert.deepEqual(
      report.skipped.map((note) => `${note.line}: ${note.reason}`),
      ['2: duplicate of line 1', '4: blank line', '6: duplicate of line 5'],
    );
    assert.deepEqual(
      report.warnings.map((note) => note.line),
      [5, 6],
    );
    assert.match(report.compared ?? '', /^the same JSON/);
  });

  it('copies kept CRLF lines with their \\r', async () => {
    const path = temp.file('{"b":1}\r\n{"a":2}\r\n{"b":1}\r\n');
    const output = temp.target();
    await dedupeDataset({ input: path, output, mode: 'exact' });
    assert.deepEqual(readBytes(output), Buffer.from('{"b":1}\r\n{"a":2}\r\n'));
  });
});

describe('dropOverTokenLimit', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  it('drops examples over the limit, passing the parsed value and text to the counter', async () => {
    const path = temp.file('{"t":"a b"}\n{"t":"a b c d"}\r\n{"t":"a"}\n{broken\n');
    const output = temp.target();
    const seen: string[] = [];
    const countTokens = (value: unknown, text: string): number => {
      seen.push(text);
      return (value as { t: string }).t.split(' ').length;
    };
    const report = await dropOverTokenLimit({ input: path, output, limit: 2, countTokens });
    assert.equal(readText(output), '{"t":"a b"}\n{"t":"a"}\n{broken\n');
    assert.deepEqual(seen, ['{"t":"a b"}', '{"t":"a b c d"}', '{"t":"a"}']);
    assert.deepEqual(report.skipped, [{ line: 2, reason: '4 tokens, over the limit of 2' }]);
    assert.deepEqual(report.warnings, [{ line: 4, reason: 'not valid JSON; kept without a token count' }]);
  });

  it('keeps and reports examples the counter cannot count', async () => {
    const path = temp.file('{"t":"a b c"}\n{"other":1}\n');
    const output = temp.target();
    const countTokens = (value: unknown): number | undefined => (value as { t?: string }).t?.split(' ').length;
    const report = await dropOverTokenLimit({ input: path, output, limit: 2, countTokens });
    assert.equal(readText(output), '{"other":1}\n');
    assert.deepEqual(report.warnings, [
      { line: 2, reason: 'not an example of a known format; kept without a token count' },
    ]);
  });
});
