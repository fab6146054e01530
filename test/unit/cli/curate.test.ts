import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type CliIO } from '../../../src/cli/command';
import { dedupeCommand } from '../../../src/cli/commands/dedupe';
import { splitCommand } from '../../../src/cli/commands/split';
import { TempFolder, readText } from '../curate/tempFiles';

function capture(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

const lines = (count: number): string => Array.from({ length: count }, (_, i) => `{"i":${i}}\n`).join('');

describe('split command', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('writes name.train.jsonl and name.validation.jsonl next to the input by default', async () => {
    temp.file(`${lines(20)}\n`, 'data.jsonl');
    const io = capture(temp.path);
    assert.equal(await splitCommand.run(['data.jsonl', '--ratio', '0.75', '--seed', '3'], io), 0);
    assert.equal(readText(join(temp.path, 'data.train.jsonl')).split('\n').length - 1, 15);
    assert.equal(readText(join(temp.path, 'data.validation.jsonl')).split('\n').length - 1, 5);
    const text = io.out.join('');
    assert.match(text, /Read 21 lines, wrote 20\./);
    assert.match(text, /data\.train\.jsonl: 15 lines/);
    assert.match(text, /line 21: blank line/);
  });

  it('honours --train, --validation and --json', async () => {
    temp.file(lines(10), 'data.jsonl');
    const io = capture(temp.path);
    assert.equal(
      await splitCommand.run(['data.jsonl', '--train', 't.jsonl', '--validation', 'v.jsonl', '--json'], io),
      0,
    );
    const report = JSON.parse(io.out.join('')) as { read: number; outputs: { path: string; lines: number }[] };
    assert.equal(report.read, 10);
    assert.deepEqual(report.outputs, [
      { path: join(temp.path, 't.jsonl'), lines: 9 },
      { path: join(temp.path, 'v.jsonl'), lines: 1 },
    ]);
  });

  it('exits 1 when nothing was written', async () => {
    temp.file('\n\n', 'empty.jsonl');
    assert.equal(await splitCommand.run(['empty.jsonl'], capture(temp.path)), 1);
  });

  it('exits 1 with a message when the input cannot be read', async () => {
    const io = capture(temp.path);
    assert.equal(await splitCommand.run(['missing.jsonl'], io), 1);
    assert.match(io.err.join(''), /^error: .*ENOENT/);
  });

  it('throws UsageError for bad arguments and for writing over the input', async () => {
    temp.file(lines(3), 'data.jsonl');
    const io = capture(temp.path);
    for (const args of [
      [],
      ['a', 'b'],
      ['data.jsonl', '--ratio', '1'],
      ['data.jsonl', '--ratio', 'x'],
      ['data.jsonl', '--seed', '1.5'],
      ['data.jsonl', '--bogus'],
      ['data.jsonl', '--train', 'same.jsonl', '--validation', 'same.jsonl'],
      ['data.jsonl', '--train', 'data.jsonl'],
    ]) {
      await assert.rejects(splitCommand.run(args, io), UsageError, args.join(' '));
    }
    assert.equal(readText(join(temp.path, 'data.jsonl')), lines(3));
  });
});

describe('dedupe command', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('writes name.dedup.jsonl without the duplicates validation reports (same JSON) by default', async () => {
    temp.file('{"a":"X","b":1}\n{"a":" x","b":1}\n{ "b": 1, "a": "X" }\n{"c":"ls -l"}\n{"c":"ls -L"}\n', 'set.jsonl');
    const io = capture(temp.path);
    assert.equal(await dedupeCommand.run(['set.jsonl'], io), 0);
    assert.equal(
      readText(join(temp.path, 'set.dedup.jsonl')),
      '{"a":"X","b":1}\n{"a":" x","b":1}\n{"c":"ls -l"}\n{"c":"ls -L"}\n',
    );
    const text = io.out.join('');
    assert.match(text, /Skipped 1 line:\n {2}line 3: duplicate of line 1\n/);
    assert.match(text, /Duplicates: the same JSON \(key order and spacing between values ignored; text/);
  });

  it('--mode normalized also folds case and whitespace, and says so', async () => {
    temp.file('{"a":"X"}\n{"a":" x"}\n{"c":"ls -l"}\n{"c":"ls -L"}\n', 'set.jsonl');
    const io = capture(temp.path);
    assert.equal(await dedupeCommand.run(['set.jsonl', '--mode', 'normalized'], io), 0);
    assert.equal(readText(join(temp.path, 'set.dedup.jsonl')), '{"a":"X"}\n{"c":"ls -l"}\n');
    assert.match(io.out.join(''), /Duplicates: the same JSON after trimming, collapsing whitespace and lowercasing/);
  });

  it('supports --mode exact, -o and --json', async () => {
    temp.file('{"a":"X"}\n{"a":" x"}\n{"a":"X"}\n', 'set.jsonl');
    const io = capture(temp.path);
    assert.equal(await dedupeCommand.run(['set.jsonl', '--mode', 'exact', '-o', 'out.jsonl', '--json'], io), 0);
    assert.equal(readText(join(temp.path, 'out.jsonl')), '{"a":"X"}\n{"a":" x"}\n');
    const report = JSON.parse(io.out.join('')) as { written: number; skipped: unknown[] };
    assert.equal(report.written, 2);
    assert.deepEqual(report.skipped, [{ line: 3, reason: 'duplicate of line 1' }]);
  });

  it('rejects usage errors and exits 1 when nothing was written', async () => {
    temp.file('   \n', 'blank.jsonl');
    const io = capture(temp.path);
    await assert.rejects(dedupeCommand.run(['blank.jsonl', '--mode', 'fuzzy'], io), UsageError);
    await assert.rejects(dedupeCommand.run(['blank.jsonl', '-o', 'blank.jsonl'], io), UsageError);
    assert.equal(existsSync(join(temp.path, 'blank.dedup.jsonl')), false);
    assert.equal(await dedupeCommand.run(['blank.jsonl'], io), 1);
  });

  it('escapes control characters from file names and data in its report and errors', async () => {
    const hostile = '\u001b[31m\u009b2J\u202e';
    temp.file('{"a":1}\n{"a":1}\nnot json\n', `set${hostile}.jsonl`);
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    for (const args of [[], ['--json']]) {
      const io = capture(temp.path);
      assert.equal(await dedupeCommand.run([`set${hostile}.jsonl`, '--force', ...args], io), 0);
      assert.doesNotMatch(io.out.join(''), unsafe);
      assert.match(io.out.join(''), /set\\u001b\[31m/);
    }
    const io = capture(temp.path);
    assert.equal(await dedupeCommand.run([`missing${hostile}.jsonl`], io), 1);
    assert.doesNotMatch(io.err.join(''), unsafe);
  });
});
