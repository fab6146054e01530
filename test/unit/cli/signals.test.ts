import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { TempFolder, readText } from '../curate/tempFiles';
import { buildWorkerBundle } from '../workerBundle';

const chatLine = (i: number): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i} ${'lorem ipsum '.repeat(8)}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });

/** Resolves once a temporary output file shows up in `folder`, i.e. the command is writing. */
async function temporaryFileAppears(folder: string, exited: () => boolean): Promise<void> {
  while (!readdirSync(folder).some((name) => name.endsWith('.tmp'))) {
    if (exited()) throw new Error('the command ended before it started writing');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('CLI stopped by a signal (real process)', function () {
  let temp: TempFolder;
  let cli = '';
  before(() => {
    temp = new TempFolder();
    cli = buildWorkerBundle('src/cli/main.ts', temp.path, 'cli.js');
    const lines: string[] = [];
    for (let i = 0; i < 250_000; i++) lines.push(chatLine(i));
    writeFileSync(join(temp.path, 'big.jsonl'), `${lines.join('\n')}\n`);
  });
  after(() => temp.remove());

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} during a split removes the temporary files and leaves the old outputs as they were`, async () => {
      const train = temp.file('old train\n', 'big.train.jsonl');
      const validation = temp.file('old validation\n', 'big.validation.jsonl');
      const child = spawn(process.execPath, [cli, 'split', 'big.jsonl', '--force'], {
        cwd: temp.path,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let exitCode: number | null | undefined;
      const exit = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => {
          exitCode = code;
          resolve(code);
        }),
      );

      await temporaryFileAppears(temp.path, () => exitCode !== undefined);
      child.kill(signal);

      assert.equal(await exit, 128 + constants.signals[signal], stderr);
      assert.match(stderr, /stopped; no output file was written or changed/);
      assert.deepEqual(readdirSync(temp.path).sort(), [
        'big.jsonl',
        'big.train.jsonl',
        'big.validation.jsonl',
        'cli.js',
      ]);
      assert.equal(readText(train), 'old train\n');
      assert.equal(readText(validation), 'old validation\n');
    });
  }

  it('a second signal stops at once and still leaves no temporary file and the old outputs', async () => {
    const train = temp.file('old train\n', 'big.train.jsonl');
    const validation = temp.file('old validation\n', 'big.validation.jsonl');
    const child = spawn(process.execPath, [cli, 'split', 'big.jsonl', '--force'], { cwd: temp.path, stdio: 'ignore' });
    let exitCode: number | null | undefined;
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    await temporaryFileAppears(temp.path, () => exitCode !== undefined);
    child.kill('SIGINT');
    child.kill('SIGINT');

    assert.equal(await exit, 130);
    assert.deepEqual(readdirSync(temp.path).sort(), ['big.jsonl', 'big.train.jsonl', 'big.validation.jsonl', 'cli.js']);
    assert.equal(readText(train), 'old train\n');
    assert.equal(readText(validation), 'old validation\n');
  });

  it('refuses /dev/stdin when it is a pipe, for every command that reads a file, and exits at once', async () => {
    for (const args of [
      ['validate', '/dev/stdin'],
      ['stats', '/dev/stdin'],
      ['split', '/dev/stdin', '--train', 't.jsonl', '--validation', 'v.jsonl'],
      ['dedupe', '/dev/stdin', '-o', 'd.jsonl'],
      ['convert', '/dev/stdin', '--from', 'sharegpt', '--to', 'chat', '-o', 'c.jsonl'],
    ]) {
      const child = spawn(process.execPath, [cli, ...args], { cwd: temp.path, stdio: ['pipe', 'pipe', 'pipe'] });
      // Data waits in the pipe and the pipe stays open: a reader that accepted it would wait for the end.
      child.stdin.write('{"messages":[]}\n');
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.stdin.destroy();
      assert.equal(code, 1, `${args.join(' ')}: ${stderr}`);
      // A shell pipe is a FIFO; Node gives its children a socket pair. Both are refused alike.
      assert.match(
        stderr,
        /\/dev\/stdin: it is a (pipe \(FIFO\)|socket), not a regular file.*save the data to a file/s,
      );
    }
    const written = readdirSync(temp.path).filter((name) => /^[tvdc]\.jsonl$|\.tmp$/.test(name));
    assert.deepEqual(written, []);
  });
});
