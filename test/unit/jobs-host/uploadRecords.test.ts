import * as assert from 'node:assert/strict';
import { UploadRecords, type RecordsMemento, type UploadRecord } from '../../../src/jobs/upload/uploadRecords';

/** An in-memory memento that, like VS Code's, stores a JSON copy. */
function memento(): RecordsMemento & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key) => values.get(key),
    update: (key, value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    },
  };
}

const hash = (digit: string) => digit.repeat(64);
const record = (fileId: string, sha256: string, uploadedAt: number): UploadRecord => ({
  sha256,
  fileId,
  filename: `${fileId}.jsonl`,
  bytes: 10,
  uploadedAt,
});

describe('jobs (VS Code side): earlier uploads kept per connection', () => {
  it('finds an upload by content hash, only on its own connection, and survives a new session', async () => {
    const storage = memento();
    const records = new UploadRecords(storage);
    await records.remember('a', record('file-1', hash('a'), 1));
    assert.equal(records.find('a', hash('a'))?.fileId, 'file-1');
    assert.equal(records.find('b', hash('a')), undefined, 'another connection has its own files');
    assert.equal(records.find('a', hash('b')), undefined);
    assert.equal(new UploadRecords(storage).find('a', hash('a'))?.fileId, 'file-1');
  });

  it('lists newest first, replaces an older upload of the same content, and forgets a deleted file', async () => {
    const records = new UploadRecords(memento());
    await records.remember('a', record('file-1', hash('a'), 1));
    await records.remember('a', record('file-2', hash('b'), 2));
    await records.remember('a', record('file-3', hash('a'), 3));
    assert.deepEqual(
      records.list('a').map((r) => r.fileId),
      ['file-3', 'file-2'],
    );
    await records.forgetFile('a', 'file-3');
    assert.equal(records.find('a', hash('a')), undefined);
    assert.deepEqual(
      records.list('a').map((r) => r.fileId),
      ['file-2'],
    );
  });

  it('drops malformed stored entries instead of failing', () => {
    const storage = memento();
    storage.values.set('fineTuneStudio.uploads.a', [
      { sha256: 'not-a-hash', fileId: 'file-x', filename: 'x', bytes: 1, uploadedAt: 1 },
      { sha256: hash('c'), fileId: '', filename: 'x', bytes: 1, uploadedAt: 1 },
      null,
      record('file-ok', hash('d'), 5),
    ]);
    storage.values.set('fineTuneStudio.uploads.b', 'garbage');
    const records = new UploadRecords(storage);
    assert.deepEqual(
      records.list('a').map((r) => r.fileId),
      ['file-ok'],
    );
    assert.deepEqual(records.list('b'), []);
  });

  it('keeps at most 200 uploads per connection, dropping the oldest', async () => {
    const records = new UploadRecords(memento());
    for (let i = 0; i < 205; i++) await records.remember('a', record(`file-${i}`, i.toString(16).padStart(64, '0'), i));
    const list = records.list('a');
    assert.equal(list.length, 200);
    assert.equal(list[0]?.fileId, 'file-204');
    assert.equal(list.at(-1)?.fileId, 'file-5');
  });
});
