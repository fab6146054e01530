import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicLineWriter, writeLinesAtomically } from '../../../src/core/io/atomicWriter';
import { fileChunks } from '../../../src/core/io/fileChunks';
import { OutputTargetError } from '../../../src/core/io/outputTarget';
import { openRandomAccess } from '../../../src/core/io/randomAccess';
import { reusedFileChunks } from '../../../src/core/io/reusedFileChunks';
import { readExamples } from '../../../src/core/curate/exampleSource';
import { TempFolder, readText } from '../curate/tempFiles';

async function drain(chunks: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of chunks) void chunk;
}

describe('output targets', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  const fifo = (name: string): string => {
    const path = join(temp.path, name);
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('refuses devices, FIFOs, folders and links to them, and leaves them as they were', async () => {
    const folder = join(temp.path, 'folder');
    mkdirSync(folder);
    const pipe = fifo('pipe');
    symlinkSync('/dev/null', join(temp.path, 'null-link'));
    symlinkSync(pipe, join(temp.path, 'pipe-link'));
    const cases: [string, RegExp][] = [
      ['/dev/null', /Refusing to write \/dev\/null: it is a character device/],
      [pipe, /it is a pipe \(FIFO\)/],
      [folder, /it is a folder/],
      [join(temp.path, 'null-link'), /symbolic link to a character device \(\/dev\/null\)/],
      [join(temp.path, 'pipe-link'), /symbolic link to a pipe \(FIFO\)/],
    ];
    for (const [target, message] of cases) {
      await assert.rejects(writeLinesAtomically(target, ['x']), (error: Error) => {
        assert.ok(error instanceof OutputTargetError, `${target}: ${error.message}`);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.ok(statSync('/dev/null').isCharacterDevice());
    assert.ok(statSync(pipe).isFIFO());
    assert.equal(readlinkSync(join(temp.path, 'null-link')), '/dev/null');
    assert.deepEqual(readdirSync(temp.path).sort(), ['folder', 'null-link', 'pipe', 'pipe-link']);
  });

  it('writes through a symbolic link to a regular file, keeping the link', async () => {
    const real = temp.file('old\n', 'real.jsonl');
    const link = join(temp.path, 'link.jsonl');
    symlinkSync(real, link);
    await writeLinesAtomically(link, ['new']);
    assert.equal(readlinkSync(link), real);
    assert.equal(readText(real), 'new\n');
  });

  it('says when the folder of the output does not exist', async () => {
    const target = join(temp.path, 'missing', 'out.jsonl');
    await assert.rejects(writeLinesAtomically(target, ['x']), {
      message: `Cannot write ${target}: the folder ${join(temp.path, 'missing')} does not exist`,
    });
  });

  it('gives a new output no permission bit its input lacks, and a replaced output keeps its own', async () => {
    const secret = temp.file('{"a":1}\n', 'secret.jsonl');
    chmodSync(secret, 0o600);
    const fresh = temp.target('fresh.jsonl');
    await writeLinesAtomically(fresh, ['x'], { protectedPaths: [secret] });
    assert.equal(statSync(fresh).mode & 0o777, 0o600);

    const shared = temp.file('old\n', 'shared.jsonl');
    chmodSync(shared, 0o664);
    await writeLinesAtomically(shared, ['x'], { protectedPaths: [secret] });
    assert.equal(statSync(shared).mode & 0o777, 0o664);
  });

  it('names the output, not its hidden temporary file, when the file system refuses', async () => {
    const target = temp.target('out.jsonl');
    const openTemporary = (path: string): Promise<never> => {
      const error = new Error(`EACCES: permission denied, open '${path}'`) as NodeJS.ErrnoException;
      error.code = 'EACCES';
      return Promise.reject(error);
    };
    await assert.rejects(AtomicLineWriter.open(target, { openTemporary }), {
      message: `Cannot write ${target}: permission denied (EACCES)`,
    });
    assert.deepEqual(readdirSync(temp.path), []);
  });
});

describe('inputs that are not regular files', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('refuses a FIFO with no writer at once instead of hanging, in every reader', async () => {
    const pipe = join(temp.path, 'data.jsonl');
    execFileSync('mkfifo', [pipe]);
    const message =
      /Cannot read .*data\.jsonl: it is a pipe \(FIFO\), not a regular file\. .*save the data to a file first/;
    await assert.rejects(drain(fileChunks(pipe)), message);
    await assert.rejects(drain(reusedFileChunks(pipe)), message);
    await assert.rejects(drain(readExamples(pipe)), message);
    await assert.rejects(openRandomAccess(pipe), message);
  });

  it('refuses a folder and names a missing file', async () => {
    await assert.rejects(drain(fileChunks(temp.path)), /it is a folder, not a regular file/);
    const missing = join(temp.path, 'missing.jsonl');
    await assert.rejects(drain(fileChunks(missing)), {
      message: `Cannot read ${missing}: no such file or folder (ENOENT)`,
    });
  });
});
