import * as assert from 'node:assert/strict';
import { mergeDatasets } from '../../../src/core/curate/merge';
import { sampleDataset } from '../../../src/core/curate/sample';
import { shuffleDataset } from '../../../src/core/curate/shuffle';
import { TempFolder, readText, readTextIfWritten } from './tempFiles';

const linesOf = (text: string): string[] => (text === '' ? [] : text.slice(0, -1).split('\n'));
const numbered = (count: number): string[] => Array.from({ length: count }, (_, i) => `{"i":${i}}`);
const indexOf = (line: string): number => (JSON.parse(line) as { i: number }).i;

describe('sampleDataset', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  async function sample(lines: string[], count: number, seed: number) {
    const output = temp.target();
    const report = await sampleDataset({ input: temp.file(`${lines.join('\n')}\n`), output, count, seed });
    const text = readTextIfWritten(output);
    return { report, lines: linesOf(text ?? ''), written: text !== undefined };
  }

  it('keeps the requested number of distinct lines in file order', async () => {
    const { report, lines } = await sample(numbered(500), 50, 42);
    assert.equal(lines.length, 50);
    assert.equal(new Set(lines).size, 50);
    const order = lines.map(indexOf);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.equal(report.written, 50);
    assert.equal(report.read, 500);
  });

  it('is deterministic for a seed', async () => {
    assert.deepEqual((await sample(numbered(300), 20, 5)).lines, (await sample(numbered(300), 20, 5)).lines);
    assert.notDeepEqual((await sample(numbered(300), 20, 5)).lines, (await sample(numbered(300), 20, 6)).lines);
  });

  it('keeps everything when the file has fewer examples, and writes no file for 0', async () => {
    assert.deepEqual((await sample(['{"a":1}\r', '', '{"b":2}'], 10, 1)).lines, ['{"a":1}\r', '{"b":2}']);
    const none = await sample(numbered(5), 0, 1);
    assert.equal(none.written, false);
    assert.deepEqual(none.report.outputs, []);
  });

  it('chooses every example about equally often', async () => {
    const hits = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 200; seed++)
      for (const line of (await sample(numbered(10), 3, seed)).lines) hits[indexOf(line)]!++;
    for (const count of hits) assert.ok(count > 35 && count < 85, `hits ${hits.join(',')}`);
  });
});

describe('shuffleDataset', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  async function shuffle(text: string, seed: number) {
    const output = temp.target();
    const report = await shuffleDataset({ input: temp.file(text), output, seed });
    return { report, lines: linesOf(readText(output)) };
  }

  it('writes a permutation of the examples, byte for byte', async () => {
    const lines = [...numbered(600), '{"z":1,"a":"\\u00e9"}\r', '{"é":"ü"}'];
    const { report, lines: shuffled } = await shuffle(`${lines.join('\n')}\n\n`, 9);
    assert.deepEqual([...shuffled].sort(), [...lines].sort());
    assert.notDeepEqual(shuffled, lines);
    assert.deepEqual(report.skipped, [{ line: 603, reason: 'blank line' }]);
  });

  it('is deterministic for a seed', async () => {
    const text = `${numbered(100).join('\n')}\n`;
    assert.deepEqual((await shuffle(text, 1)).lines, (await shuffle(text, 1)).lines);
    assert.notDeepEqual((await shuffle(text, 1)).lines, (await shuffle(text, 2)).lines);
  });

  it('handles a last line without a newline', async () => {
    assert.deepEqual((await shuffle('{"a":1}\n{"b":2}', 3)).lines.sort(), ['{"a":1}', '{"b":2}']);
  });
});

describe('mergeDatasets', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  it('concatenates byte for byte and adds the newline a file lacks', async () => {
    const a = temp.file('{"a":1}\r\n{"b":2}');
    const b = temp.file('{"c":3}\n');
    const output = temp.target();
    const report = await mergeDatasets({ inputs: [a, b], output });
    assert.equal(readText(output), '{"a":1}\r\n{"b":2}\n{"c":3}\n');
    assert.deepEqual(report.outputs, [{ path: output, lines: 3 }]);
  });

  it('optionally drops duplicates across files, naming the file of the first copy', async () => {
    const a = temp.file('{"q":"Hi"}\n\n');
    const b = temp.file('{"q":"hi "}\n{"q":"new"}\n');
    const output = temp.target();
    const report = await mergeDatasets({ inputs: [a, b], output, dedupe: 'normalized' });
    assert.equal(readText(output), '{"q":"Hi"}\n{"q":"new"}\n');
    assert.deepEqual(report.skipped, [
      { line: 2, reason: 'blank line', path: a },
      { line: 1, reason: `duplicate of ${a} line 1`, path: b },
    ]);
    assert.equal(report.read, 4);
  });

  it('refuses to write over one of its inputs', async () => {
    const a = temp.file('{"a":1}\n');
    const b = temp.file('{"b":1}\n');
    await assert.rejects(mergeDatasets({ inputs: [a, b], output: b }), /Refusing/);
    assert.equal(readText(b), '{"b":1}\n');
  });
});
