import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type CliIO } from '../../../src/cli/command';
import { convertCommand } from '../../../src/cli/commands/convert';
import { dedupeCommand } from '../../../src/cli/commands/dedupe';
import { splitCommand } from '../../../src/cli/commands/split';
import { statsCommand } from '../../../src/cli/commands/stats';
import { validateCommand } from '../../../src/cli/commands/validate';
import { TempFolder, readText } from '../curate/tempFiles';

function capture(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

const CHAT = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
const lines = (count: number): string => Array.from({ length: count }, (_, i) => `{"i":${i}}\n`).join('');

async function rejectsWithUsage(run: Promise<number>, message: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

describe('CLI outputs: --force, folders, devices, permissions', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('refuses to replace existing outputs without --force, for split, dedupe and convert', async () => {
    temp.file(lines(10), 'data.jsonl');
    temp.file('old train\n', 'data.train.jsonl');
    temp.file('old dedup\n', 'data.dedup.jsonl');
    temp.file('old chat\n', 'data.chat.jsonl');
    const io = capture(temp.path);
    await rejectsWithUsage(splitCommand.run(['data.jsonl'], io), /data\.train\.jsonl already exists\. Add --force/);
    await rejectsWithUsage(dedupeCommand.run(['data.jsonl'], io), /data\.dedup\.jsonl already exists/);
    await rejectsWithUsage(
      convertCommand.run(['data.jsonl', '--from', 'chat', '--to', 'chat', '-o', 'data.chat.jsonl'], io),
      /data\.chat\.jsonl already exists/,
    );
    assert.equal(readText(join(temp.path, 'data.train.jsonl')), 'old train\n');
    assert.equal(readText(join(temp.path, 'data.dedup.jsonl')), 'old dedup\n');
    assert.equal(readText(join(temp.path, 'data.chat.jsonl')), 'old chat\n');
    assert.equal(existsSync(join(temp.path, 'data.validation.jsonl')), false);

    assert.equal(await splitCommand.run(['data.jsonl', '--force'], io), 0);
    assert.equal(await dedupeCommand.run(['data.jsonl', '-f'], io), 0);
    assert.equal(readText(join(temp.path, 'data.dedup.jsonl')), lines(10));
    assert.notEqual(readText(join(temp.path, 'data.train.jsonl')), 'old train\n');
  });

  it('writes the default file name into a folder given with a trailing /, and refuses a folder without it', async () => {
    temp.file(lines(4), 'data.jsonl');
    mkdirSync(join(temp.path, 'out'));
    const io = capture(temp.path);
    assert.equal(await dedupeCommand.run(['data.jsonl', '-o', 'out/'], io), 0);
    assert.equal(readText(join(temp.path, 'out', 'data.dedup.jsonl')), lines(4));
    assert.equal(await splitCommand.run(['data.jsonl', '--train', 'out/', '--validation', 'out/'], io), 0);
    assert.deepEqual(readdirSync(join(temp.path, 'out')).sort(), [
      'data.dedup.jsonl',
      'data.train.jsonl',
      'data.validation.jsonl',
    ]);
    await rejectsWithUsage(
      dedupeCommand.run(['data.jsonl', '-o', 'out', '--force'], io),
      /out is a folder\. To write into it, end the path with a \//,
    );
  });

  it('refuses /dev/null, a FIFO and links to them as outputs, even with --force', async () => {
    temp.file(lines(4), 'data.jsonl');
    execFileSync('mkfifo', [join(temp.path, 'pipe')]);
    symlinkSync('/dev/null', join(temp.path, 'null.jsonl'));
    const io = capture(temp.path);
    for (const target of ['/dev/null', 'pipe', 'null.jsonl']) {
      await rejectsWithUsage(
        dedupeCommand.run(['data.jsonl', '-o', target, '--force'], io),
        /Refusing to write .*(character device|pipe \(FIFO\))/,
      );
      await rejectsWithUsage(
        convertCommand.run(['data.jsonl', '--from', 'chat', '--to', 'chat', '-o', target, '--force'], io),
        /Refusing to write/,
      );
    }
    assert.ok(statSync(join(temp.path, 'pipe')).isFIFO());
    assert.ok(statSync('/dev/null').isCharacterDevice());
  });

  it('names an output path that cannot be looked at in plain words', async () => {
    temp.file(lines(4), 'data.jsonl');
    const io = capture(temp.path);
    const inside = join(temp.path, 'data.jsonl', 'out.jsonl');
    await assert.rejects(dedupeCommand.run(['data.jsonl', '-o', 'data.jsonl/out.jsonl'], io), {
      message: `Cannot write ${inside}: a part of the path is not a folder (ENOTDIR)`,
    });
  });

  it('keeps the input permission bits on new outputs and the old bits on replaced ones', async () => {
    const input = temp.file(CHAT + CHAT.replace('"a"', '"b"'), 'private.jsonl');
    chmodSync(input, 0o600);
    const io = capture(temp.path);
    assert.equal(await splitCommand.run(['private.jsonl', '--ratio', '0.5'], io), 0);
    assert.equal(statSync(join(temp.path, 'private.train.jsonl')).mode & 0o777, 0o600);
    assert.equal(statSync(join(temp.path, 'private.validation.jsonl')).mode & 0o777, 0o600);
    const kept = temp.file('old\n', 'kept.jsonl');
    chmodSync(kept, 0o640);
    assert.equal(await dedupeCommand.run(['private.jsonl', '-o', 'kept.jsonl', '--force'], io), 0);
    assert.equal(statSync(kept).mode & 0o777, 0o640);
  });
});

describe('CLI inputs: standard input and pipes', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('refuses - with a message suggesting to save the data to a file', async () => {
    const io = capture(temp.path);
    const runs = [
      validateCommand.run(['-'], io),
      statsCommand.run(['-'], io),
      splitCommand.run(['-'], io),
      dedupeCommand.run(['-'], io),
      convertCommand.run(['-', '--from', 'sharegpt', '--to', 'chat', '-o', 'out.jsonl'], io),
    ];
    for (const run of runs)
      await rejectsWithUsage(run, /standard input \(-\) is not supported.*save the data to a file/i);
    assert.deepEqual(readdirSync(temp.path), []);
  });

  it('refuses a FIFO input with a message instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(temp.path, 'data.jsonl')]);
    const fifoMessage = /data\.jsonl: it is a pipe \(FIFO\), not a regular file/;
    for (const command of [validateCommand, statsCommand, splitCommand, dedupeCommand]) {
      const io = capture(temp.path);
      const code = await command.run(['data.jsonl'], io).catch((error: Error) => {
        io.err.push(error.message);
        return 1;
      });
      assert.equal(code, 1, command.name);
      assert.match(io.err.join(''), fifoMessage, command.name);
    }
    const io = capture(temp.path);
    assert.equal(await convertCommand.run(['data.jsonl', '--from', 'sharegpt', '--to', 'chat'], io), 1);
    assert.match(io.err.join(''), fifoMessage);
    assert.deepEqual(readdirSync(temp.path), ['data.jsonl']);
  });
});

describe('CLI numeric options', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('rejects empty, hexadecimal, exponent and trailing-garbage numbers with a usage error', async () => {
    temp.file(lines(4), 'data.jsonl');
    const io = capture(temp.path);
    const cases: [Promise<number>, RegExp][] = [
      [splitCommand.run(['data.jsonl', '--ratio', ''], io), /--ratio must be a number between 0 and 1/],
      [splitCommand.run(['data.jsonl', '--ratio', '0x1'], io), /--ratio/],
      [splitCommand.run(['data.jsonl', '--ratio', '.5e0'], io), /--ratio/],
      [splitCommand.run(['data.jsonl', '--seed', ''], io), /--seed must be a whole number, not ""/],
      [splitCommand.run(['data.jsonl', '--seed', '0x10'], io), /--seed must be a whole number, not "0x10"/],
      [splitCommand.run(['data.jsonl', '--seed', '1e3'], io), /--seed/],
      [splitCommand.run(['data.jsonl', '--seed', ' 5'], io), /--seed/],
      [validateCommand.run(['data.jsonl', '--max-problems', '5abc'], io), /--max-problems/],
      [validateCommand.run(['data.jsonl', '--workers', ''], io), /--workers/],
      [statsCommand.run(['data.jsonl', '--token-limit', '1e5'], io), /--token-limit/],
    ];
    for (const [run, message] of cases) await rejectsWithUsage(run, message);
    assert.deepEqual(readdirSync(temp.path), ['data.jsonl']);
  });

  it('accepts plain decimals', async () => {
    temp.file(lines(10), 'data.jsonl');
    const io = capture(temp.path);
    assert.equal(await splitCommand.run(['data.jsonl', '--ratio', '.8', '--seed=-7'], io), 0);
    assert.match(io.out.join(''), /ratio 0\.8, seed -7/);
  });
});
