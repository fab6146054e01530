import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fc from 'fast-check';
import { canonicalExample } from '../../../src/core/curate/exampleKey';
import { chooseValidationGroups, splitDataset } from '../../../src/core/curate/split';
import { TempFolder, readText, readTextIfWritten } from './tempFiles';

const linesOf = (text: string): string[] => (text === '' ? [] : text.slice(0, -1).split('\n'));
const keyOf = (line: string): string => {
  try {
    return canonicalExample(JSON.parse(line));
  } catch {
    return `raw:${line.replace(/\r$/, '')}`;
  }
};

describe('splitDataset', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
  });
  after(() => temp.remove());

  async function split(text: string, ratio: number, seed: number) {
    const input = temp.file(text);
    const trainPath = temp.target();
    const validationPath = temp.target();
    const report = await splitDataset({ input, trainPath, validationPath, ratio, seed });
    return {
      report,
      input,
      train: readTextIfWritten(trainPath) ?? '',
      validation: readTextIfWritten(validationPath) ?? '',
      written: existsSync(trainPath) || existsSync(validationPath),
      trainPath,
      validationPath,
    };
  }

  const numbered = (count: number): string => Array.from({ length: count }, (_, i) => `{"i":${i}}\n`).join('');

  it('calls a valid line nested 100,000 levels deep valid JSON (no warning), and groups its copies', async () => {
    const deep = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { report, train, validation } = await split(`${deep}\n${numbered(20)}${deep}\n`, 0.5, 1);
    assert.deepEqual(report.warnings, []);
    const sides = [train, validation].filter((side) => side.includes(deep));
    assert.equal(sides.length, 1, 'both copies of the deep line go to one side');
  });

  it('splits by the ratio, exactly when examples are distinct', async () => {
    const { report, train, validation, trainPath, validationPath } = await split(numbered(1000), 0.9, 42);
    assert.equal(linesOf(train).length, 900);
    assert.equal(linesOf(validation).length, 100);
    assert.deepEqual(report.outputs, [
      { path: trainPath, lines: 900 },
      { path: validationPath, lines: 100 },
    ]);
    assert.equal(report.read, 1000);
    assert.equal(report.written, 1000);
    assert.deepEqual([...linesOf(train), ...linesOf(validation)].sort(), linesOf(numbered(1000)).sort());
  });

  it('keeps the file order within each side', async () => {
    const { train, validation } = await split(numbered(200), 0.5, 3);
    for (const side of [train, validation]) {
      const order = linesOf(side).map((line) => (JSON.parse(line) as { i: number }).i);
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      );
    }
  });

  it('is deterministic for a seed and changes with the seed', async () => {
    const first = await split(numbered(300), 0.8, 7);
    const again = await split(numbered(300), 0.8, 7);
    const other = await split(numbered(300), 0.8, 8);
    assert.equal(first.validation, again.validation);
    assert.notEqual(first.validation, other.validation);
  });

  it('never puts an exact or normalised duplicate on both sides', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) {
      lines.push(
        `{"q":"Question ${i}","a":"x"}`,
        `{"a":"X","q":"  question   ${i} "}`,
        `{"q":"Question ${i}","a":"x"}`,
      );
    }
    const { train, validation } = await split(`${lines.join('\n')}\n`, 0.7, 1);
    const trainKeys = new Set(linesOf(train).map(keyOf));
    for (const line of linesOf(validation)) assert.ok(!trainKeys.has(keyOf(line)), line);
    assert.equal(linesOf(validation).length, 90);
  });

  it('copies lines byte for byte: CRLF, key order and unicode escapes untouched', async () => {
    const lines = ['{"z":1,"a":"\\u00e9\\n"}\r', '{"b":"ü"}', '{ "c" : [1 , 2] }\r', '{"d":"\\ud83d\\ude00"}'];
    const { train, validation } = await split(`${lines.join('\n')}\n`, 0.5, 11);
    assert.deepEqual([...linesOf(train), ...linesOf(validation)].sort(), [...lines].sort());
  });

  it('reports blank lines and keeps invalid JSON with a warning', async () => {
    const { report, train, validation } = await split('{"a":1}\n\nnot json\n{"b":2}\n', 0.5, 2);
    assert.equal(report.read, 4);
    assert.equal(report.written, 3);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'blank line' }]);
    assert.deepEqual(report.warnings, [
      { line: 3, reason: 'not valid JSON; kept, grouped only with byte-identical lines' },
    ]);
    assert.deepEqual([...linesOf(train), ...linesOf(validation)].sort(), ['not json', '{"a":1}', '{"b":2}']);
  });

  it('refuses to write over its input and rejects a bad ratio', async () => {
    const input = temp.file('{"a":1}\n');
    await assert.rejects(
      splitDataset({ input, trainPath: input, validationPath: temp.target(), ratio: 0.5, seed: 1 }),
      /Refusing/,
    );
    await assert.rejects(
      splitDataset({ input, trainPath: temp.target(), validationPath: temp.target(), ratio: 1.5, seed: 1 }),
      RangeError,
    );
    assert.equal(readText(input), '{"a":1}\n');
  });

  it('writes nothing when aborted', async () => {
    const input = temp.file(numbered(10));
    const trainPath = temp.target();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      splitDataset({ input, trainPath, validationPath: temp.target(), ratio: 0.5, seed: 1, signal: controller.signal }),
    );
    assert.throws(() => readText(trainPath), /ENOENT/);
  });

  it('reports progress over both passes', async () => {
    const input = temp.file(numbered(10));
    const calls: [number, number][] = [];
    await splitDataset({
      input,
      trainPath: temp.target(),
      validationPath: temp.target(),
      ratio: 0.5,
      seed: 1,
      onProgress: (read, total) => calls.push([read, total]),
    });
    const size = numbered(10).length;
    assert.deepEqual(calls, [
      [size, 2 * size],
      [2 * size, 2 * size],
    ]);
  });

  it('property: outputs are a permutation of the non-blank lines, and no key is on both sides', async () => {
    const example = fc.oneof(
      fc
        .record({ q: fc.constantFrom('a', 'A ', 'b', ' b', 'c', 'd'), n: fc.integer({ min: 0, max: 3 }) })
        .map((v) => JSON.stringify(v)),
      fc.constantFrom('{"n":1,"q":"a"}', 'broken', '   ', '', '{"q":"é"}\r'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(example, { maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        async (lines, ratio, seed) => {
          const { train, validation, written } = await split(lines.map((line) => `${line}\n`).join(''), ratio, seed);
          const expected = lines.filter((line) => line.trim() !== '').sort();
          assert.equal(written, expected.length > 0);
          assert.deepEqual([...linesOf(train), ...linesOf(validation)].sort(), expected);
          const trainKeys = new Set(linesOf(train).map(keyOf));
          for (const line of linesOf(validation)) assert.ok(!trainKeys.has(keyOf(line)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('chooseValidationGroups', () => {
  it('fills the validation share with whole groups, stopping short only when nothing left fits', () => {
    const sizes = [3, 1, 1, 1, 1, 3];
    for (let seed = 0; seed < 20; seed++) {
      const sides = chooseValidationGroups(Uint32Array.from(sizes), 10, 0.5, seed);
      const taken = sizes.reduce((sum, size, group) => sum + (sides[group] === 1 ? size : 0), 0);
      assert.ok(taken <= 5);
      for (const [group, size] of sizes.entries()) if (sides[group] === 0) assert.ok(taken === 5 || size > 5 - taken);
    }
    assert.deepEqual(
      Array.from(chooseValidationGroups(Uint32Array.of(1, 1, 1, 1), 4, 0.5, 3)).filter((side) => side === 1).length,
      2,
    );
  });

  it('takes nothing at ratio 1 and everything at ratio 0', () => {
    assert.deepEqual(Array.from(chooseValidationGroups(Uint32Array.of(1, 2), 3, 1, 0)), [0, 0]);
    assert.deepEqual(Array.from(chooseValidationGroups(Uint32Array.of(1, 2), 3, 0, 0)), [1, 1]);
  });
});
