import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BadRequestError, InternalServerError, NotFoundError, toFile } from 'openai';
import type OpenAI from 'openai';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

const parts = [Buffer.alloc(70_000, 'a'), Buffer.alloc(50_000, 'b'), Buffer.from('{"end":true}\n')];
const whole = Buffer.concat(parts);

async function startUpload(client: OpenAI, filename = 'big.jsonl', bytes = whole.length) {
  return client.uploads.create({ filename, purpose: 'fine-tune', bytes, mime_type: 'text/jsonl' });
}

describe('simulator: uploads', () => {
  const { simulator, client } = useSimulator();

  it('creates a pending upload that expires an hour later', async () => {
    const upload = await startUpload(client());
    assert.match(upload.id, /^upload_/);
    assert.equal(upload.object, 'upload');
    assert.equal(upload.status, 'pending');
    assert.equal(upload.bytes, whole.length);
    assert.equal(upload.filename, 'big.jsonl');
    assert.equal(upload.purpose, 'fine-tune');
    assert.equal(upload.expires_at - upload.created_at, 3600);
    assert.equal(upload.file, null);
  });

  it('takes parts (sent in any order) and completes them in the order of part_ids into a file', async () => {
    const upload = await startUpload(client());
    const created = [];
    // Sent last part first: the order that counts is the one given to complete.
    for (const index of [2, 0, 1]) {
      const part = await client().uploads.parts.create(upload.id, { data: await toFile(parts[index]!, 'part') });
      assert.match(part.id, /^part_/);
      assert.equal(part.object, 'upload.part');
      assert.equal(part.upload_id, upload.id);
      created[index] = part.id;
    }
    const md5 = createHash('md5').update(whole).digest('hex');
    const completed = await client().uploads.complete(upload.id, { part_ids: created, md5 });
    assert.equal(completed.status, 'completed');
    assert.ok(completed.file);
    assert.equal(completed.file.bytes, whole.length);
    assert.equal(completed.file.filename, 'big.jsonl');
    assert.equal(completed.file.purpose, 'fine-tune');
    assert.equal(completed.file.status, 'processed');
    assert.deepEqual(await client().files.retrieve(completed.file.id), completed.file);
    const content = Buffer.from(await (await client().files.content(completed.file.id)).arrayBuffer());
    assert.ok(content.equals(whole));
    assert.equal(await simulator().fileSha256(completed.file.id), createHash('sha256').update(whole).digest('hex'));
    // A completed upload takes no more parts and cannot be completed again.
    assert.ok(
      (await rejectionOf(client().uploads.complete(upload.id, { part_ids: created }))) instanceof BadRequestError,
    );
  });

  it('keeps parts sent at the same time apart', async () => {
    const upload = await startUpload(client());
    const sent = await Promise.all(
      parts.map(async (part) => client().uploads.parts.create(upload.id, { data: await toFile(part, 'p') })),
    );
    const completed = await client().uploads.complete(upload.id, { part_ids: sent.map((part) => part.id) });
    const content = Buffer.from(await (await client().files.content(completed.file?.id ?? '')).arrayBuffer());
    assert.ok(content.equals(whole));
  });

  it('refuses to complete when the parts do not add up to the bytes announced, or the md5 is wrong', async () => {
    const upload = await startUpload(client());
    const ids = [];
    for (const part of parts.slice(0, 2))
      ids.push((await client().uploads.parts.create(upload.id, { data: await toFile(part, 'p') })).id);
    const short = await rejectionOf(client().uploads.complete(upload.id, { part_ids: ids }));
    assert.ok(short instanceof BadRequestError, String(short));
    assert.match(short.message, /add up to 120000 bytes, but the upload was created with bytes=120013/);
    ids.push((await client().uploads.parts.create(upload.id, { data: await toFile(parts[2]!, 'p') })).id);
    const md5 = await rejectionOf(client().uploads.complete(upload.id, { part_ids: ids, md5: '0'.repeat(32) }));
    assert.ok(md5 instanceof BadRequestError);
    assert.equal(md5.param, 'md5');
    const unknown = await rejectionOf(client().uploads.complete(upload.id, { part_ids: ['part_nope'] }));
    assert.ok(unknown instanceof BadRequestError);
    assert.equal((await client().uploads.complete(upload.id, { part_ids: ids })).status, 'completed');
  });

  it('cancels: status cancelled, and no more parts or completion', async () => {
    const upload = await startUpload(client());
    const part = await client().uploads.parts.create(upload.id, { data: await toFile(parts[0]!, 'p') });
    const cancelled = await client().uploads.cancel(upload.id);
    assert.equal(cancelled.status, 'cancelled');
    const late = await rejectionOf(client().uploads.parts.create(upload.id, { data: await toFile(parts[1]!, 'p') }));
    assert.ok(late instanceof BadRequestError, String(late));
    assert.ok(
      (await rejectionOf(client().uploads.complete(upload.id, { part_ids: [part.id] }))) instanceof BadRequestError,
    );
    assert.ok((await rejectionOf(client().uploads.cancel('upload_unknown'))) instanceof NotFoundError);
  });

  it('expires an hour after creation: then it takes no parts and cannot be completed', async () => {
    const upload = await startUpload(client(), 'a.jsonl', 3);
    const part = await client().uploads.parts.create(upload.id, { data: await toFile(Buffer.from('abc'), 'p') });
    const realNow = Date.now;
    Date.now = () => realNow() + 3601 * 1000;
    try {
      const late = await rejectionOf(client().uploads.complete(upload.id, { part_ids: [part.id] }));
      assert.ok(late instanceof BadRequestError, String(late));
      assert.match(late.message, /status is expired/);
    } finally {
      Date.now = realNow;
    }
  });

  it('checks the create parameters like the API (param named)', async () => {
    const bytes = await rejectionOf(startUpload(client(), 'a.jsonl', -1));
    assert.ok(bytes instanceof BadRequestError);
    assert.equal(bytes.param, 'bytes');
    const name = await rejectionOf(startUpload(client(), 'a.csv'));
    assert.ok(name instanceof BadRequestError);
    assert.match(name.message, /Must be \.jsonl/);
  });

  it('fault-part-once: the first attempt of the second part fails with a 500, a retry of it succeeds', async () => {
    const upload = await startUpload(client(), 'train-fault-part-once.jsonl');
    const first = await client().uploads.parts.create(upload.id, { data: await toFile(parts[0]!, 'p') });
    const failed = await rejectionOf(client().uploads.parts.create(upload.id, { data: await toFile(parts[1]!, 'p') }));
    assert.ok(failed instanceof InternalServerError, String(failed));
    const second = await client().uploads.parts.create(upload.id, { data: await toFile(parts[1]!, 'p') });
    const third = await client().uploads.parts.create(upload.id, { data: await toFile(parts[2]!, 'p') });
    const completed = await client().uploads.complete(upload.id, { part_ids: [first.id, second.id, third.id] });
    assert.equal(completed.file?.bytes, whole.length);
  });

  it('fault-part-once with the SDK retrying: the part goes through on the retry', async () => {
    const upload = await startUpload(client(), 'fault-part-once.jsonl', 6);
    await client().uploads.parts.create(upload.id, { data: await toFile(Buffer.from('abc'), 'p') });
    const retried = await client({ maxRetries: 1 }).uploads.parts.create(upload.id, {
      data: await toFile(Buffer.from('def'), 'p'),
    });
    assert.equal(retried.upload_id, upload.id);
  });
});
