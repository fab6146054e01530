import * as assert from 'node:assert/strict';
import { appendFileSync, chmodSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLineAtomically } from '../../../src/core/io/appendLine';
import type { OpenTemporary } from '../../../src/core/io/atomicWriter';
import { TempFolder, readBytes, readText } from '../curate/tempFiles';

const LINE = '{"messages":[{"role":"user","content":"hé"},{"role":"assistant","content":"ok"}]}';

describe('appendLineAtomically', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  const files = (): string[] => readdirSync(temp.path).sort();

  it('adds the line after the last one, keeping every byte before it', async () => {
    const before = '{"a":1}\n\n{"b":"\\u00e9"}\n';
    const path = temp.file(before, 'data.jsonl');
    assert.deepEqual(await appendLineAtomically(path, LINE), { line: 4, created: false });
    assert.equal(readText(path), `${before}${LINE}\n`);
    assert.deepEqual(files(), ['data.jsonl']);
  });

  it('first ends a file that lacks its final line break', async () => {
    const path = temp.file('{"a":1}\n{"b":2}', 'data.jsonl');
    assert.deepEqual(await appendLineAtomically(path, LINE), { line: 3, created: false });
    assert.equal(readText(path), `{"a":1}\n{"b":2}\n${LINE}\n`);
  });

  it('keeps CRLF line breaks, also when the last one is missing', async () => {
    const ended = temp.file('{"a":1}\r\n{"b":2}\r\n', 'ended.jsonl');
    const open = temp.file('{"a":1}\r\n{"b":2}', 'open.jsonl');
    assert.equal((await appendLineAtomically(ended, LINE)).line, 3);
    assert.equal((await appendLineAtomically(open, LINE)).line, 3);
    assert.equal(readText(ended), `{"a":1}\r\n{"b":2}\r\n${LINE}\r\n`);
    assert.equal(readText(open), `{"a":1}\r\n{"b":2}\r\n${LINE}\r\n`);
  });

  it('sees a CRLF whose \\r ends one chunk and whose \\n starts the next', async () => {
    const first = 'x'.repeat(1024 * 1024 - 1);
    const path = temp.file(`${first}\r\n{"b":2}`, 'data.jsonl');
    assert.equal((await appendLineAtomically(path, LINE)).line, 3);
    assert.equal(readText(path), `${first}\r\n{"b":2}\r\n${LINE}\r\n`);
  });

  it('copies a file of several chunks byte for byte, a BOM and invalid UTF-8 included', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(Array.from({ length: 40_000 }, (_, i) => `{"i":${i}}\n`).join('')),
      Buffer.from([0xff, 0xfe, 0x41, 0x0a]),
    ]);
    const path = temp.file(bytes, 'data.jsonl');
    assert.equal((await appendLineAtomically(path, LINE)).line, 40_002);
    assert.deepEqual(readBytes(path), Buffer.concat([bytes, Buffer.from(`${LINE}\n`)]));
  });

  it('creates a missing file with just the line, and gives an empty file its first line', async () => {
    const missing = temp.target('new.jsonl');
    const empty = temp.file('', 'empty.jsonl');
    assert.deepEqual(await appendLineAtomically(missing, LINE), { line: 1, created: true });
    assert.deepEqual(await appendLineAtomically(empty, LINE), { line: 1, created: false });
    assert.equal(readText(missing), `${LINE}\n`);
    assert.equal(readText(empty), `${LINE}\n`);
  });

  it('keeps the permission bits and follows a symbolic link, which stays a link', async () => {
    const real = temp.file('{"a":1}\n', 'real.jsonl');
    chmodSync(real, 0o640);
    const link = join(temp.path, 'link.jsonl');
    symlinkSync(real, link);
    await appendLineAtomically(link, LINE);
    assert.equal(readText(real), `{"a":1}\n${LINE}\n`);
    assert.ok(statSync(link).isFile());
    assert.equal(statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(files(), ['link.jsonl', 'real.jsonl']);
  });

  it('refuses UTF-16 and CR-only files, which a UTF-8 line would damage, and leaves them alone', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n', 'utf16le')]);
    const wide = temp.file(utf16, 'wide.jsonl');
    const mac = temp.file('{"a":1}\r{"b":2}\r', 'mac.jsonl');
    await assert.rejects(appendLineAtomically(wide, LINE), /is UTF-16LE text; a UTF-8 line cannot be added/);
    await assert.rejects(appendLineAtomically(mac, LINE), /ends its lines with CR alone/);
    assert.deepEqual(readBytes(wide), utf16);
    assert.equal(readText(mac), '{"a":1}\r{"b":2}\r');
    assert.deepEqual(files(), ['mac.jsonl', 'wide.jsonl']);
  });

  it('leaves the file as it was when the disk is full', async () => {
    const path = temp.file('{"a":1}\n', 'data.jsonl');
    const openTemporary: OpenTemporary = async (temporary, mode) => {
      const handle: FileHandle = await open(temporary, 'wx', mode);
      handle.write = () => {
        const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
        error.code = 'ENOSPC';
        return Promise.reject(error);
      };
      return handle;
    };
    await assert.rejects(appendLineAtomically(path, LINE, { openTemporary }), {
      message: `Cannot write ${path}: the disk is full (ENOSPC)`,
    });
    assert.equal(readText(path), '{"a":1}\n');
    assert.deepEqual(files(), ['data.jsonl']);
  });

  it('writes nothing when the file changes while it is copied', async () => {
    const path = temp.file('{"a":1}\n', 'data.jsonl');
    const openTemporary: OpenTemporary = async (temporary, mode) => {
      const handle: FileHandle = await open(temporary, 'wx', mode);
      const sync = handle.sync.bind(handle);
      // Someone else appends between the copy and the rename.
      handle.sync = () => {
        appendFileSync(path, '{"b":2}\n');
        return sync();
      };
      return handle;
    };
    await assert.rejects(appendLineAtomically(path, LINE, { openTemporary }), /changed while the line was being added/);
    assert.equal(readText(path), '{"a":1}\n{"b":2}\n');
    assert.deepEqual(files(), ['data.jsonl']);
  });

  it('writes nothing once aborted', async () => {
    const path = temp.file('{"a":1}\n', 'data.jsonl');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(appendLineAtomically(path, LINE, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(readText(path), '{"a":1}\n');
    assert.deepEqual(files(), ['data.jsonl']);
  });
});
