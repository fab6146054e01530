import * as assert from 'node:assert/strict';
import { linkSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicLineWriter, writeLinesAtomically } from '../../../src/core/io/atomicWriter';
import { ProtectedPathError } from '../../../src/core/io/protectedPaths';
import { TempFolder, readBytes, readText } from '../curate/tempFiles';

describe('writeLinesAtomically', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  const onlyFiles = (): string[] => readdirSync(temp.path).sort();

  it('writes every line with a \\n and counts bytes and lines', async () => {
    const target = temp.target('out.jsonl');
    const result = await writeLinesAtomically(target, ['{"a":1}', Buffer.from('é\r'), '']);
    assert.equal(readText(target), '{"a":1}\né\r\n\n');
    assert.deepEqual(result, { bytes: 8 + 4 + 1, lines: 3 });
    assert.deepEqual(onlyFiles(), ['out.jsonl']);
  });

  it('replaces an existing target', async () => {
    const target = temp.file('old\n', 'out.jsonl');
    await writeLinesAtomically(target, ['new']);
    assert.equal(readText(target), 'new\n');
  });

  it('copies lines larger than its buffer and reports progress', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const target = temp.target();
    const progress: number[] = [];
    await writeLinesAtomically(target, ['a', big, 'b'], { onProgress: (bytes) => progress.push(bytes) });
    assert.equal(readText(target), `a\n${big}\nb\n`);
    assert.equal(progress.at(-1), big.length + 5);
  });

  it('leaves the target untouched and removes the temp file when the source throws', async () => {
    const target = temp.file('keep me\n', 'out.jsonl');
    async function* failing(): AsyncGenerator<string> {
      yield 'first';
      await Promise.resolve();
      throw new Error('source broke');
    }
    await assert.rejects(writeLinesAtomically(target, failing()), /source broke/);
    assert.equal(readText(target), 'keep me\n');
    assert.deepEqual(onlyFiles(), ['out.jsonl']);
  });

  it('leaves the target untouched and removes the temp file on abort', async () => {
    const target = temp.file('keep me\n', 'out.jsonl');
    const controller = new AbortController();
    async function* lines(): AsyncGenerator<string> {
      yield 'one';
      await Promise.resolve();
      controller.abort();
      yield 'two';
    }
    await assert.rejects(writeLinesAtomically(target, lines(), { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(readText(target), 'keep me\n');
    assert.deepEqual(onlyFiles(), ['out.jsonl']);
  });

  it('does not create a target that did not exist when aborted', async () => {
    const target = temp.target('new.jsonl');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(writeLinesAtomically(target, ['a'], { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(onlyFiles(), []);
  });

  it('refuses to overwrite a protected input, also through a symlink or hard link', async () => {
    const input = temp.file('input\n', 'data.jsonl');
    symlinkSync(input, join(temp.path, 'alias.jsonl'));
    linkSync(input, join(temp.path, 'hard.jsonl'));
    for (const target of [
      input,
      join(temp.path, 'alias.jsonl'),
      join(temp.path, 'hard.jsonl'),
      join(temp.path, '.', 'data.jsonl'),
    ]) {
      await assert.rejects(writeLinesAtomically(target, ['x'], { protectedPaths: [input] }), ProtectedPathError);
    }
    assert.equal(readText(input), 'input\n');
    assert.deepEqual(onlyFiles(), ['alias.jsonl', 'data.jsonl', 'hard.jsonl']);
  });

  it('allows a different target next to a protected input', async () => {
    const input = temp.file('input\n', 'data.jsonl');
    await writeLinesAtomically(temp.target('data.train.jsonl'), ['x'], { protectedPaths: [input] });
    assert.equal(readText(temp.target('data.train.jsonl')), 'x\n');
  });
});

describe('AtomicLineWriter', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('writes nothing to the target until commit, and abort after commit is a no-op', async () => {
    const target = temp.file('before\n', 'out.jsonl');
    const writer = await AtomicLineWriter.open(target);
    writer.write('after');
    await writer.drain();
    assert.equal(readText(target), 'before\n');
    assert.equal(readdirSync(temp.path).length, 2);
    assert.deepEqual(await writer.commit(), { bytes: 6, lines: 1 });
    await writer.abort();
    assert.deepEqual(readBytes(target), Buffer.from('after\n'));
    assert.deepEqual(readdirSync(temp.path), ['out.jsonl']);
  });

  it('signals backpressure once a buffer is full', async () => {
    const writer = await AtomicLineWriter.open(temp.target());
    const line = 'y'.repeat(1000);
    let accepted = 0;
    while (writer.write(line)) accepted++;
    assert.equal(accepted, 1047); // 1047 × 1001 bytes fit in 1 MiB; the 1048th spills
    await writer.drain();
    assert.equal(writer.write(line), true);
    await writer.abort();
    assert.throws(() => writer.write('late'), /already aborted/);
  });
});
