import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  lineageMetadata,
  mergeMetadata,
  newRequestTag,
  readLineage,
  sha256OfBytes,
  sha256OfFile,
  userMetadataProblems,
} from '../../../src/core/jobs/lineage';

describe('lineage', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'fts-lineage-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes a file by streaming it: the same sha256 as its bytes, over several reads', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const path = join(dir, 'train.jsonl');
    writeFileSync(path, bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    assert.equal(await sha256OfFile(path), expected);
    assert.equal(sha256OfBytes(bytes), expected);
    assert.equal(sha256OfBytes('{"a":1}\n'), createHash('sha256').update('{"a":1}\n', 'utf8').digest('hex'));
  });

  it('stops hashing when aborted, and names a missing file', async () => {
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, Buffer.alloc(4 * 1024 * 1024));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sha256OfFile(path, controller.signal), { name: 'AbortError' });
    await assert.rejects(sha256OfFile(join(dir, 'missing.jsonl')), { code: 'ENOENT' });
  });

  it('makes random request tags', () => {
    const tag = newRequestTag();
    assert.match(tag, /^req_[0-9a-f]{24}$/);
    assert.notEqual(newRequestTag(), tag);
  });

  it('writes lineage within the API limits and reads it back', () => {
    const hash = 'ab'.repeat(32);
    const metadata = lineageMetadata({ contentHash: hash, fileName: 'data/train.jsonl', requestTag: 'req_1' });
    assert.deepEqual(metadata, { fts_sha256: hash, fts_file: 'data/train.jsonl', fts_request: 'req_1' });
    assert.deepEqual(readLineage(metadata), { contentHash: hash, fileName: 'data/train.jsonl', requestTag: 'req_1' });
    for (const [key, value] of Object.entries(metadata)) {
      assert.ok(key.length <= 64);
      assert.ok(value.length <= 512);
    }
  });

  it('keeps the end of a file name too long for a value', () => {
    const long = `${'deep/'.repeat(200)}train.jsonl`;
    const value = lineageMetadata({ contentHash: 'a'.repeat(64), fileName: long, requestTag: 'r' }).fts_file!;
    assert.equal([...value].length, 512);
    assert.ok(value.startsWith('…'));
    assert.ok(value.endsWith('/train.jsonl'));
  });

  it('reads nothing from jobs created elsewhere, and ignores a hash that is not one', () => {
    assert.deepEqual(readLineage({}), {});
    assert.deepEqual(readLineage(undefined), {});
    assert.deepEqual(readLineage({ fts_sha256: 'not a hash', fts_file: '' }), {});
  });

  it('merges user metadata with lineage', () => {
    const lineage = { fts_sha256: 'a'.repeat(64), fts_file: 'f', fts_request: 'r' };
    assert.deepEqual(mergeMetadata({ team: 'support' }, lineage), { team: 'support', ...lineage });
  });

  it('refuses more than 16 pairs in all, with a clear message', () => {
    const user = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, 'v']));
    const lineage = { fts_sha256: 'a'.repeat(64), fts_file: 'f', fts_request: 'r' };
    assert.throws(() => mergeMetadata(user, lineage), /at most 16 pairs.*uses 3 for lineage: remove 1 of your 14/);
    assert.equal(Object.keys(mergeMetadata(Object.fromEntries(Object.entries(user).slice(1)), lineage)).length, 16);
  });

  it('names each problem of user metadata', () => {
    assert.deepEqual(userMetadataProblems({ ok: 'yes' }), []);
    const problems = userMetadataProblems({
      ['k'.repeat(65)]: 'v',
      fts_sha256: 'mine',
      '': 'x',
      long: 'v'.repeat(513),
    });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /longer than 64 characters/);
    assert.match(problems.join('\n'), /starts with “fts_”/);
    assert.match(problems.join('\n'), /key is empty/);
    assert.match(problems.join('\n'), /value of “long” is longer than 512/);
  });
});
