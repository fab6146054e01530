import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/server';
import type { Connection } from '../../../src/core/connections/connection';
import { createClient } from '../../../src/core/connections/createClient';
import type { FineTuneProvider, UploadSource } from '../../../src/core/jobs/provider';
import { ProviderError } from '../../../src/core/jobs/providerError';
import { createProvider } from '../../../src/core/jobs/providers';

const KEY = 'sim-upload-key-0123456789';

/** JSONL of `bytes` bytes (about), each line a distinct chat example. */
function jsonl(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${JSON.stringify({
      messages: [
        { role: 'user', content: `question ${i} ü€` },
        { role: 'assistant', content: `answer ${i}` },
      ],
    })}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  return Buffer.from(lines.join(''));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('jobs: uploads to the simulator', () => {
  let simulator: Simulator;
  let folder: string;
  let connection: Connection;
  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
    connection = { id: 'sim', name: 'Simulator', kind: 'compatible', baseUrl: simulator.url };
    folder = mkdtempSync(join(tmpdir(), 'fts-upload-test-'));
  });
  after(async () => {
    await simulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const provider = (smallParts = false, concurrency = 3): FineTuneProvider =>
    createProvider(
      connection,
      createClient(connection, { apiKey: KEY }),
      smallParts
        ? {
            upload: {
              filesApiMaxBytes: 1000,
              partBytes: 40_000,
              retryDelayMs: () => 10,
              progressIntervalMs: 0,
              concurrency,
            },
          }
        : { upload: { progressIntervalMs: 0 } },
    );
  const fileOf = (name: string, content: Buffer): UploadSource => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return { path, filename: name, bytes: content.length };
  };
  const signal = () => new AbortController().signal;

  it('sends a small file through the Files API as one streamed request: every byte arrives', async () => {
    const content = jsonl(300_000);
    const source = fileOf('train.jsonl', content);
    const progress: number[] = [];
    const before = simulator.requests.length;
    const file = await provider().upload(source, { signal: signal(), onProgress: (sent) => progress.push(sent) });
    assert.equal(file.bytes, content.length);
    assert.equal(file.filename, 'train.jsonl');
    assert.equal(file.purpose, 'fine-tune');
    assert.match(file.id, /^file-/);
    assert.equal(await simulator.fileSha256(file.id), sha256(content));
    const sent = simulator.requests.slice(before);
    assert.deepEqual(
      sent.map((request) => `${request.method} ${request.path}`),
      ['POST /v1/files'],
    );
    // Streamed: a chunked body, not a form buffered whole (which would carry a content-length).
    assert.equal(sent[0]!.headers['transfer-encoding'], 'chunked');
    assert.equal(sent[0]!.headers['content-length'], undefined);
    assert.equal(progress[0], 0);
    assert.equal(progress.at(-1), content.length);
    // The content comes back byte for byte.
    const back = await provider().fileContent(file.id, signal());
    assert.equal(sha256(back), sha256(content));
  });

  it('holds only a little of a streamed body in memory (fetch would otherwise keep a copy for a redirect)', async () => {
    const content = Buffer.alloc(96_000_000, 'x');
    const source = fileOf('memory.jsonl', content);
    let peak = 0;
    const start = process.memoryUsage().arrayBuffers;
    const file = await provider().upload(source, {
      signal: signal(),
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
      },
    });
    assert.equal(file.bytes, content.length);
    // Measured: about 35 MB of garbage not yet collected; with the redirect clone 115 MB (the whole 96 MB stays
    // referenced until the request ends).
    assert.ok(peak < 72_000_000, `array buffers grew by ${(peak / 1e6).toFixed(0)} MB during the upload`);
  });

  it('sends a file over the threshold through the Uploads API in parts, retrying the part that failed once', async () => {
    const content = jsonl(200_000);
    const source = fileOf('big-fault-part-once.jsonl', content);
    const progress: number[] = [];
    const before = simulator.requests.length;
    // One part at a time, so the simulator's "second part request" is the same part every run.
    const file = await provider(true, 1).upload(source, {
      signal: signal(),
      onProgress: (sent) => progress.push(sent),
    });
    assert.equal(file.bytes, content.length);
    assert.equal(await simulator.fileSha256(file.id), sha256(content));
    const sent = simulator.requests.slice(before).map((request) => `${request.method} ${request.path}`);
    const parts = Math.ceil(content.length / 40_000);
    assert.equal(sent[0], 'POST /v1/uploads');
    assert.equal(sent.filter((line) => /^POST \/v1\/uploads\/[^/]+\/parts$/.test(line)).length, parts + 1);
    assert.match(sent.at(-1)!, /^POST \/v1\/uploads\/[^/]+\/complete$/);
    assert.equal(progress.at(-1), content.length);
    // Progress went back by the failed attempt's bytes, once.
    assert.ok(progress.some((value, i) => i > 0 && value < progress[i - 1]!));
  });

  it('sends parts three at a time and assembles them in order', async () => {
    const content = jsonl(250_000);
    const source = fileOf('parallel.jsonl', content);
    const file = await provider(true, 3).upload(source, { signal: signal() });
    assert.equal(await simulator.fileSha256(file.id), sha256(content));
  });

  it('cancels mid-upload: the promise rejects as aborted and the upload is cancelled on the server', async () => {
    const content = jsonl(400_000);
    const source = fileOf('cancelled.jsonl', content);
    const controller = new AbortController();
    const before = simulator.requests.length;
    const failure = await provider(true)
      .upload(source, {
        signal: controller.signal,
        onProgress: (sent) => {
          if (sent > 100_000) controller.abort();
        },
      })
      .then(
        () => assert.fail('the upload should have been cancelled'),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof ProviderError, String(failure));
    assert.equal(failure.kind, 'aborted');
    assert.match(failure.message, /cancelled/);
    const sent = simulator.requests.slice(before).map((request) => `${request.method} ${request.path}`);
    assert.match(sent.at(-1)!, /^POST \/v1\/uploads\/[^/]+\/cancel$/);
    assert.ok(!sent.some((line) => line.endsWith('/complete')));
  });

  it('refuses an empty file and a file that changed since it was checked, before sending anything', async () => {
    const before = simulator.requests.length;
    const empty = fileOf('empty.jsonl', Buffer.alloc(0));
    await assert.rejects(provider().upload(empty, { signal: signal() }), /empty/);
    const changed = fileOf('changed.jsonl', jsonl(1000));
    await assert.rejects(
      provider().upload({ ...changed, bytes: changed.bytes - 1 }, { signal: signal() }),
      /changed since/,
    );
    await assert.rejects(
      provider().upload(
        { path: join(folder, 'missing.jsonl'), filename: 'missing.jsonl', bytes: 5 },
        { signal: signal() },
      ),
      /Cannot read/,
    );
    assert.equal(simulator.requests.length, before);
  });

  it('file info: an uploaded file, and undefined for one the server does not have', async () => {
    const source = fileOf('info.jsonl', jsonl(2000));
    const file = await provider().upload(source, { signal: signal() });
    const info = await provider().fileInfo(file.id, signal());
    assert.equal(info?.id, file.id);
    assert.equal(info?.bytes, source.bytes);
    assert.equal(await provider().fileInfo('file-does-not-exist', signal()), undefined);
  });

  it('a wrong key fails with the describeError message and never shows the key', async () => {
    const wrong = createProvider(connection, createClient(connection, { apiKey: 'sk-wrong-key-abcdefghijkl' }));
    const source = fileOf('denied.jsonl', jsonl(2000));
    const failure = await wrong.upload(source, { signal: signal() }).then(
      () => assert.fail('should be refused'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ProviderError);
    assert.equal(failure.status, 401);
    assert.match(failure.message, /key was rejected/);
    assert.ok(!failure.message.includes('sk-wrong-key'));
  });
});
