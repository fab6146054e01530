import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadRequestError, NotFoundError, toFile } from 'openai';
import { startSimulator } from '../../../simulator/server';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

const training = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n';

describe('simulator: files', () => {
  const { simulator, client } = useSimulator();
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sim-files-test-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  function fileOnDisk(name: string, content: string | Buffer): string {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  }

  it('uploads a .jsonl streamed from disk for fine-tuning: processed, with its name and byte count', async () => {
    const path = fileOnDisk('train.jsonl', training.repeat(3));
    const file = await client().files.create({ file: createReadStream(path), purpose: 'fine-tune' });
    assert.match(file.id, /^file-[A-Za-z0-9]{22}$/);
    assert.equal(file.object, 'file');
    assert.equal(file.filename, 'train.jsonl');
    assert.equal(file.bytes, Buffer.byteLength(training) * 3);
    assert.equal(file.purpose, 'fine-tune');
    assert.equal(file.status, 'processed');
    assert.ok(Math.abs(file.created_at - Date.now() / 1000) < 5);
    const recorded = simulator().requests.at(-1);
    assert.equal(recorded?.path, '/v1/files');
    assert.deepEqual(recorded?.body, { purpose: 'fine-tune', file: { filename: 'train.jsonl', bytes: file.bytes } });
  });

  it('gives back exactly the bytes uploaded, also binary ones and ones that look like a boundary', async () => {
    const tricky = Buffer.concat([
      Buffer.from('\r\n--\r\n------formdata\r\n\r\n'),
      Buffer.from([0, 255, 13, 10, 45, 45]),
    ]);
    const content = Buffer.concat([tricky, Buffer.alloc(300_000, 'x'), tricky]);
    const file = await client().files.create({ file: await toFile(content, 'blob.bin'), purpose: 'user_data' });
    assert.equal(file.bytes, content.length);
    const response = await client().files.content(file.id);
    assert.equal(response.headers.get('content-length'), String(content.length));
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), content);
    assert.equal(await simulator().fileSha256(file.id), createHash('sha256').update(content).digest('hex'));
  });

  it('retrieves, lists newest first (filtered by purpose, paged) and deletes', async () => {
    const first = await client().files.create({
      file: await toFile(Buffer.from(training), 'a.jsonl'),
      purpose: 'fine-tune',
    });
    const second = await client().files.create({
      file: await toFile(Buffer.from(training), 'b.jsonl'),
      purpose: 'fine-tune',
    });
    assert.deepEqual(await client().files.retrieve(first.id), first);
    const listed = await client().files.list({ purpose: 'fine-tune' });
    assert.deepEqual(
      listed.data.slice(0, 2).map((file) => file.id),
      [second.id, first.id],
    );
    assert.ok(listed.data.every((file) => file.purpose === 'fine-tune'));
    const page = await client().files.list({ purpose: 'fine-tune', limit: 1 });
    assert.equal(page.data.length, 1);
    assert.equal(page.has_more, true);
    const next = await page.getNextPage();
    assert.equal(next.data[0]?.id, first.id);

    assert.deepEqual(await client().files.delete(first.id), { id: first.id, object: 'file', deleted: true });
    const error = await rejectionOf(client().files.retrieve(first.id));
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.message, `404 No such File object: ${first.id}`);
    assert.ok((await rejectionOf(client().files.content(first.id))) instanceof NotFoundError);
    assert.ok((await rejectionOf(client().files.delete(first.id))) instanceof NotFoundError);
  });

  it('refuses a fine-tuning file that is not .jsonl, a missing or unknown purpose, a missing file', async () => {
    const csv = await rejectionOf(
      client().files.create({ file: await toFile(Buffer.from('a,b\n'), 'data.csv'), purpose: 'fine-tune' }),
    );
    assert.ok(csv instanceof BadRequestError, String(csv));
    assert.match(csv.message, /Invalid file format for Fine-Tuning API\. Must be \.jsonl/);
    const purpose = await rejectionOf(
      client().files.create({ file: await toFile(Buffer.from(training), 'a.jsonl'), purpose: 'nonsense' as 'batch' }),
    );
    assert.ok(purpose instanceof BadRequestError);
    assert.equal(purpose.param, 'purpose');
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    const noFile = await fetch(`${simulator().url}/files`, { method: 'POST', body: form });
    assert.equal(noFile.status, 400);
    assert.equal(((await noFile.json()) as { error: { param: string } }).error.param, 'file');
  });

  it('answers a body that is not multipart, or is cut short, with a 400', async () => {
    const json = await fetch(`${simulator().url}/files`, { method: 'POST', body: '{}' });
    assert.equal(json.status, 400);
    const cut = await fetch(`${simulator().url}/files`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--xyz\r\nContent-Disp',
    });
    assert.equal(cut.status, 400);
    assert.match(((await cut.json()) as { error: { message: string } }).error.message, /ended before/);
  });

  it('keeps uploaded bytes on disk, not in memory, and removes them on close', async () => {
    const own = await startSimulator();
    const sdkFile = await toFile(Buffer.alloc(1000, 'y'), 'z.jsonl');
    const created = await fetch(`${own.url}/files`, {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('purpose', 'fine-tune');
        form.append('file', sdkFile);
        return form;
      })(),
    });
    assert.equal(created.status, 200);
    const folders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('finetune-simulator-'));
    const during = folders();
    assert.ok(during.length > 0);
    await own.close();
    const removed = during.filter((name) => !folders().includes(name));
    assert.ok(removed.length > 0, 'the close removed its folder');
    assert.ok(removed.every((name) => !existsSync(join(tmpdir(), name))));
  });
});
