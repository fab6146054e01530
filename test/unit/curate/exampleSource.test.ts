import * as assert from 'node:assert/strict';
import { readExamples, type ExampleSourceOptions } from '../../../src/core/curate/exampleSource';
import { ReportBuilder } from '../../../src/core/curate/report';
import { TempFolder } from './tempFiles';

const MiB = 1024 * 1024;

async function collect(path: string, options: ExampleSourceOptions = {}) {
  const lines: { line: number; offset: number; text: string; raw: Buffer }[] = [];
  for await (const batch of readExamples(path, options)) {
    batch.lines.forEach((line, i) =>
      lines.push({
        line: line.line,
        offset: line.byteOffset,
        text: Buffer.from(line.bytes).toString(),
        raw: Buffer.from(batch.raw[i]!),
      }),
    );
  }
  return lines;
}

describe('readExamples', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  it('keeps the \\r of CRLF lines in the copy bytes but not in the parsed bytes', async () => {
    const path = temp.file('{"a":1}\r\n{"b":2}\n{"c":3}\r\n');
    const lines = await collect(path);
    assert.deepEqual(
      lines.map((l) => l.text),
      ['{"a":1}', '{"b":2}', '{"c":3}'],
    );
    assert.deepEqual(
      lines.map((l) => l.raw.toString()),
      ['{"a":1}\r', '{"b":2}', '{"c":3}\r'],
    );
    assert.deepEqual(
      lines.map((l) => l.offset),
      [0, 9, 17],
    );
  });

  it('handles a last line without a newline, with and without a trailing \\r', async () => {
    assert.deepEqual(
      (await collect(temp.file('{"a":1}\n{"b":2}'))).map((l) => l.raw.toString()),
      ['{"a":1}', '{"b":2}'],
    );
    assert.deepEqual(
      (await collect(temp.file('{"a":1}\n{"b":2}\r'))).map((l) => l.raw.toString()),
      ['{"a":1}', '{"b":2}\r'],
    );
  });

  it('reproduces the file byte for byte across chunk boundaries', async () => {
    // Chunks are 1 MiB: the first CRLF straddles the boundary, the second line spans it, the third is inside.
    const first = 'a'.repeat(MiB - 1) + '\r\n';
    const second = `"${'b'.repeat(MiB - 10)}"\r\n`;
    const third = '{"k":"\\u00e9 ü"}\r\n{"z":1,"a":2}\n';
    const text = first + second + third;
    const lines = await collect(temp.file(text));
    assert.equal(lines.length, 4);
    assert.equal(Buffer.concat(lines.flatMap((l) => [l.raw, Buffer.from('\n')])).toString(), text);
    assert.equal(lines[0]!.text.length, MiB - 1);
  });

  it('reports blank lines and skips them, keeping line numbers of the file', async () => {
    const report = new ReportBuilder();
    const lines = await collect(temp.file('{"a":1}\n\n  \t\r\n{"b":2}\n'), { report });
    assert.deepEqual(
      lines.map((l) => l.line),
      [0, 3],
    );
    const result = report.finish([]);
    assert.equal(result.read, 4);
    assert.deepEqual(result.skipped, [
      { line: 2, reason: 'blank line' },
      { line: 3, reason: 'blank line' },
    ]);
  });

  it('drops a UTF-8 byte order mark from the first line with a warning', async () => {
    const report = new ReportBuilder();
    const lines = await collect(temp.file('\uFEFF{"a":1}\r\n{"b":2}\n'), { report });
    assert.deepEqual(
      lines.map((l) => l.raw.toString()),
      ['{"a":1}\r', '{"b":2}'],
    );
    assert.equal(lines[0]!.offset, 3);
    assert.equal(report.finish([]).warnings[0]!.line, 1);
  });

  it('skips and reports lines longer than the limit', async () => {
    const report = new ReportBuilder();
    const lines = await collect(temp.file('{"a":1}\n{"long":"xxxxxxxxxxxxxxxxxxxx"}\n{"b":2}\n'), {
      report,
      maxLineBytes: 16,
    });
    assert.deepEqual(
      lines.map((l) => l.text),
      ['{"a":1}', '{"b":2}'],
    );
    assert.deepEqual(report.finish([]).skipped, [{ line: 2, reason: 'longer than 16 bytes; not copied' }]);
  });

  it('names the file in notes when asked and reports progress', async () => {
    const report = new ReportBuilder();
    const progress: number[] = [];
    const path = temp.file('\n{"a":1}\n');
    await collect(path, { report, reportPath: path, onBytes: (bytes) => progress.push(bytes) });
    assert.deepEqual(report.finish([]).skipped, [{ line: 1, reason: 'blank line', path }]);
    assert.deepEqual(progress, [9]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(collect(temp.file('{"a":1}\n'), { signal: controller.signal }), { name: 'AbortError' });
  });
});
