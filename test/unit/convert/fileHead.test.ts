import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileHead } from '../../../src/core/convert/fileHead';

describe('file head', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ft-head-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says why a file is not UTF-8 and which encoding is likely, and decodes a named encoding', async () => {
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('q,a\ncafé,oui\n', 'latin1'));
    const head = await readFileHead(latin1);
    assert.match(head.notUtf8 ?? '', /^is not UTF-8: byte 0xE9 at offset 7 \(line 2, byte 4 of the line\)/);
    assert.equal(head.likelyEncoding, 'windows-1252');
    assert.deepEqual(await readFileHead(latin1, 'latin1'), { text: 'q,a\ncafé,oui\n', isWholeFile: true });

    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('q,a\n', 'utf16le')]));
    const wide = await readFileHead(utf16);
    assert.match(wide.notUtf8 ?? '', /^is UTF-16 LE, not UTF-8/);
    assert.equal(wide.likelyEncoding, 'utf-16le');
    assert.equal((await readFileHead(utf16, 'utf-16le')).text, 'q,a\n');

    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, 'q,a\ncafé,oui\n');
    assert.deepEqual(await readFileHead(utf8), { text: 'q,a\ncafé,oui\n', isWholeFile: true });
  });
});
