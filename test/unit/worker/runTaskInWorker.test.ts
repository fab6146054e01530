import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitDataset } from '../../../src/core/curate/split';
import { runTaskInWorker } from '../../../src/core/worker/runTaskInWorker';
import { TempFolder, readText } from '../curate/tempFiles';
import { workerFixture } from '../workerBundle';

const chatLine = (i: number): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });
const linesOf = (text: string): string[] => (text === '' ? [] : text.slice(0, -1).split('\n'));

describe('runTaskInWorker (real worker thread)', function () {
  const fixture = workerFixture('src/core/worker/taskWorker.ts', 'task-worker.js');

  it('splits a file exactly as the core does in-process, and reports progress over both passes', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `${chatLine(i)}\n`).join('');
    const input = fixture.temp.file(text);
    const trainPath = fixture.temp.target();
    const validationPath = fixture.temp.target();
    const progress: Array<[number, number]> = [];

    const report = await runTaskInWorker(
      fixture.workerPath,
      { kind: 'split', input, trainPath, validationPath, ratio: 0.8, seed: 1 },
      {
        onProgress: (done, total) => progress.push([done, total]),
      },
    );

    assert.equal(report.read, 20);
    assert.equal(report.written, 20);
    assert.deepEqual(report.outputs, [
      { path: trainPath, lines: 16 },
      { path: validationPath, lines: 4 },
    ]);
    const train = readText(trainPath);
    const validation = readText(validationPath);
    assert.deepEqual([...linesOf(train), ...linesOf(validation)].sort(), linesOf(text).sort());

    const sameTrain = fixture.temp.target();
    const sameValidation = fixture.temp.target();
    await splitDataset({ input, trainPath: sameTrain, validationPath: sameValidation, ratio: 0.8, seed: 1 });
    assert.equal(train, readText(sameTrain));
    assert.equal(validation, readText(sameValidation));

    // The first progress message always passes the throttle; split reads the file twice.
    assert.ok(progress.length >= 1);
    assert.deepEqual(progress[0], [Buffer.byteLength(text), 2 * Buffer.byteLength(text)]);
  });

  it('dedupes a file and lists what it dropped', async () => {
    const input = fixture.temp.file('{"a":1}\n{"b":2}\n{"a":1}\n{"c":3}\n{"b":2}\n');
    const output = fixture.temp.target();

    const report = await runTaskInWorker(fixture.workerPath, { kind: 'dedupe', input, output, mode: 'exact' });

    assert.equal(readText(output), '{"a":1}\n{"b":2}\n{"c":3}\n');
    assert.equal(report.read, 5);
    assert.equal(report.written, 3);
    assert.equal(report.skippedCount, 2);
    assert.deepEqual(report.skipped, [
      { line: 3, reason: 'duplicate of line 1' },
      { line: 5, reason: 'duplicate of line 2' },
    ]);
  });

  it('cancels mid-run: rejects with an AbortError, removes the temporary file and writes no output', async () => {
    const folder = new TempFolder();
    try {
      const lines: string[] = [];
      for (let i = 0; i < 150_000; i++) lines.push(chatLine(i));
      const input = folder.file(`${lines.join('\n')}\n`, 'big.jsonl');
      assert.ok(statSync(input).size > 10 * 1024 * 1024);
      const output = join(folder.path, 'big.dedup.jsonl');
      const controller = new AbortController();

      const run = runTaskInWorker(
        fixture.workerPath,
        { kind: 'dedupe', input, output, mode: 'normalized' },
        {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        },
      );

      await assert.rejects(run, { name: 'AbortError' });
      assert.deepEqual(readdirSync(folder.path), ['big.jsonl']);
    } finally {
      folder.remove();
    }
  });

  it('cancels a split while it writes: the worker removes both temporary files before it is stopped, and the old outputs stay', async () => {
    const folder = new TempFolder();
    try {
      const lines: string[] = [];
      for (let i = 0; i < 200_000; i++) lines.push(chatLine(i));
      const input = folder.file(`${lines.join('\n')}\n`, 'big.jsonl');
      const trainPath = folder.file('old train\n', 'big.train.jsonl');
      const validationPath = folder.file('old validation\n', 'big.validation.jsonl');
      const controller = new AbortController();
      let settled = false;
      const run = runTaskInWorker(
        fixture.workerPath,
        { kind: 'split', input, trainPath, validationPath, ratio: 0.5, seed: 1 },
        { signal: controller.signal },
      ).finally(() => (settled = true));

      // Cancel once the second pass is writing its temporary files.
      while (readdirSync(folder.path).filter((name) => name.endsWith('.tmp')).length < 2) {
        assert.equal(settled, false, 'the split ended before it started writing');
        await new Promise((resolve) => setImmediate(resolve));
      }
      controller.abort();

      await assert.rejects(run, { name: 'AbortError' });
      assert.deepEqual(readdirSync(folder.path).sort(), ['big.jsonl', 'big.train.jsonl', 'big.validation.jsonl']);
      assert.equal(readText(trainPath), 'old train\n');
      assert.equal(readText(validationPath), 'old validation\n');
    } finally {
      folder.remove();
    }
  });

  it('removes the temporary files the worker reported when it must be stopped before its own cleanup', async () => {
    const folder = new TempFolder();
    try {
      const lines: string[] = [];
      for (let i = 0; i < 200_000; i++) lines.push(chatLine(i));
      const input = folder.file(`${lines.join('\n')}\n`, 'big.jsonl');
      const output = folder.file('old\n', 'big.shuffled.jsonl');
      const controller = new AbortController();
      let settled = false;
      const run = runTaskInWorker(
        fixture.workerPath,
        { kind: 'shuffle', input, output, seed: 1 },
        // No grace at all: the thread is terminated as soon as the cancel is sent.
        { signal: controller.signal, cancelGraceMs: 0 },
      ).finally(() => (settled = true));

      while (!readdirSync(folder.path).some((name) => name.endsWith('.tmp'))) {
        assert.equal(settled, false, 'the shuffle ended before it started writing');
        await new Promise((resolve) => setImmediate(resolve));
      }
      controller.abort();

      await assert.rejects(run, { name: 'AbortError' });
      assert.deepEqual(readdirSync(folder.path).sort(), ['big.jsonl', 'big.shuffled.jsonl']);
      assert.equal(readText(output), 'old\n');
    } finally {
      folder.remove();
    }
  });

  it('rejects at once, without a worker, when the signal was already aborted', async () => {
    const input = fixture.temp.file('{"a":1}\n');
    const output = fixture.temp.target('never.jsonl');
    const controller = new AbortController();
    controller.abort();

    await assert.rejects(
      runTaskInWorker(fixture.workerPath, { kind: 'shuffle', input, output, seed: 1 }, { signal: controller.signal }),
      { name: 'AbortError' },
    );
    assert.ok(!readdirSync(fixture.temp.path).includes('never.jsonl'));
  });

  it('surfaces a task error with its message and error name', async () => {
    const missing = join(fixture.temp.path, 'missing.jsonl');
    await assert.rejects(
      runTaskInWorker(fixture.workerPath, {
        kind: 'sample',
        input: missing,
        output: fixture.temp.target(),
        count: 1,
        seed: 1,
      }),
      (error: Error) => error.message.includes('ENOENT') && error.message.includes(missing),
    );

    const input = fixture.temp.file('{"a":1}\n');
    await assert.rejects(runTaskInWorker(fixture.workerPath, { kind: 'merge', inputs: [input], output: input }), {
      name: 'ProtectedPathError',
      message: `Refusing to write ${input}: it is the input ${input}. Choose another output path.`,
    });
    assert.equal(readText(input), '{"a":1}\n');
  });

  it('rejects when the worker exits without an answer', async () => {
    const exiting = fixture.temp.file('process.exit(3);\n', 'exiting-worker.js');
    await assert.rejects(runTaskInWorker(exiting, { kind: 'shuffle', input: 'x.jsonl', output: 'y.jsonl', seed: 1 }), {
      message: 'The task worker stopped (exit code 3) before finishing the shuffle task.',
    });
  });
});
