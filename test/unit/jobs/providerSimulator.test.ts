import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/server';
import type { Connection } from '../../../src/core/connections/connection';
import { createClient } from '../../../src/core/connections/createClient';
import type { FineTuneJob } from '../../../src/core/jobs/job';
import type { CreateJobRequest, FineTuneProvider } from '../../../src/core/jobs/provider';
import { ProviderError } from '../../../src/core/jobs/providerError';
import { createProvider } from '../../../src/core/jobs/providers';

const KEY = 'sim-jobs-key-0123456789';
const TRAINING = Array.from(
  { length: 20 },
  (_, i) =>
    `${JSON.stringify({
      messages: [
        { role: 'user', content: `q${i}` },
        { role: 'assistant', content: `a${i}` },
      ],
    })}\n`,
).join('');

const signal = () => new AbortController().signal;

async function until(
  provider: FineTuneProvider,
  id: string,
  done: (job: FineTuneJob) => boolean,
  timeoutMs = 10_000,
): Promise<FineTuneJob> {
  const started = Date.now();
  for (;;) {
    const job = await provider.retrieve(id, signal());
    if (done(job)) return job;
    if (Date.now() - started > timeoutMs) assert.fail(`job ${id} is still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function suite(flavor: 'openai' | 'azure') {
  describe(`jobs: the provider against the simulator (${flavor})`, () => {
    let simulator: Simulator;
    let provider: FineTuneProvider;
    let folder: string;
    let trainingFile: string;
    before(async () => {
      simulator = await startSimulator({ apiKey: KEY, jobStepMs: 15, flavor });
      const connection: Connection =
        flavor === 'azure'
          ? { id: 'az', name: 'Azure (simulated)', kind: 'azure', baseUrl: simulator.url.replace(/\/v1$/, '') }
          : { id: 'sim', name: 'Simulator', kind: 'compatible', baseUrl: simulator.url };
      provider = createProvider(connection, createClient(connection, { apiKey: KEY }));
      folder = mkdtempSync(join(tmpdir(), 'fts-jobs-test-'));
      const path = join(folder, 'train.jsonl');
      writeFileSync(path, TRAINING);
      trainingFile = (
        await provider.upload(
          { path, filename: 'train.jsonl', bytes: Buffer.byteLength(TRAINING) },
          { signal: signal() },
        )
      ).id;
    });
    after(async () => {
      await simulator.close();
      rmSync(folder, { recursive: true, force: true });
    });

    const request = (fields: Partial<CreateJobRequest> = {}): CreateJobRequest => ({
      model: 'sim-chat',
      trainingFile,
      method: 'supervised',
      hyperparameters: { nEpochs: 2, batchSize: 'auto' },
      metadata: { fts_request: `req-${randomUUID()}` },
      ...fields,
    });
    const createBodies = () =>
      simulator.requests.filter((r) => r.method === 'POST' && /\/fine_tuning\/jobs$/.test(r.path)).map((r) => r.body);

    if (flavor === 'openai') {
      it('lists the models it can fine-tune', async () => {
        const models = await provider.listBaseModels(signal());
        assert.ok(models.includes('sim-chat'), models.join(', '));
      });
    }

    it('creates a job with hyperparameters in method, metadata and suffix; it runs to success', async () => {
      const before = createBodies().length;
      const tag = `req-${randomUUID()}`;
      const created = await provider.create(
        request({ suffix: 'happy', seed: 7, metadata: { fts_request: tag } }),
        signal(),
      );
      const bodies = createBodies().slice(before);
      assert.equal(bodies.length, 1);
      const body = bodies[0] as Record<string, unknown>;
      assert.deepEqual(body.method, {
        type: 'supervised',
        supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } },
      });
      assert.equal(body.hyperparameters, undefined);
      assert.equal(body.suffix, 'happy');
      assert.equal(body.seed, 7);
      assert.equal(body.trainingType, undefined);
      assert.match(created.id, /^ftjob-/);
      assert.equal(created.model, 'sim-chat');
      assert.equal(created.trainingFile, trainingFile);
      assert.deepEqual(body.metadata, { fts_request: tag });
      assert.equal(created.metadata.fts_request, tag);
      assert.equal(created.hyperparameters.nEpochs, 2);

      const done = await until(provider, created.id, (job) => job.status === 'succeeded');
      assert.ok(done.fineTunedModel?.startsWith('ft:sim-chat:'), done.fineTunedModel);
      assert.ok(done.resultFiles.length > 0);
      assert.ok((done.trainedTokens ?? 0) > 0);

      // Events newest first; `since` gives only the newer ones.
      const events = await provider.events(created.id, { signal: signal() });
      assert.ok(events.length > 3);
      assert.ok(events.every((event, i) => i === 0 || event.createdAt <= events[i - 1]!.createdAt));
      assert.ok(events.some((event) => event.type === 'metrics'));
      const since = events[3]!.id;
      assert.deepEqual(
        (await provider.events(created.id, { signal: signal(), since })).map((e) => e.id),
        events.slice(0, 3).map((e) => e.id),
      );
      // Paging: a small limit still finds `since` further back.
      const all = await provider.events(created.id, { signal: signal(), limit: 1000 });
      const older = all.at(-2)!.id;
      assert.equal((await provider.events(created.id, { signal: signal(), since: older })).length, all.length - 2);

      const checkpoints = await provider.checkpoints(created.id, signal());
      assert.ok(checkpoints.length > 0);
      for (const checkpoint of checkpoints) {
        assert.match(checkpoint.model, /:ckpt-step-\d+$/);
        assert.equal(checkpoint.metrics.step, checkpoint.step);
        assert.equal(typeof checkpoint.metrics.trainLoss, 'number');
      }

      const csv = new TextDecoder().decode(await provider.fileContent(done.resultFiles[0]!, signal()));
      assert.match(csv, /^step,/);
    });

    it('reads events across pages until the one already seen', async () => {
      // 15 epochs of 8 steps: over 120 events, more than one page of 100.
      const created = await provider.create(request({ hyperparameters: { nEpochs: 15 } }), signal());
      await until(provider, created.id, (job) => job.status === 'succeeded', 20_000);
      const all = await provider.events(created.id, { signal: signal(), limit: 1000 });
      assert.ok(all.length > 100, `${all.length} events`);
      assert.equal(new Set(all.map((event) => event.id)).size, all.length);
      const oldest = all.at(-1)!.id;
      const before = simulator.requests.length;
      const newer = await provider.events(created.id, { signal: signal(), since: oldest });
      assert.deepEqual(
        newer.map((event) => event.id),
        all.slice(0, -1).map((event) => event.id),
      );
      const pages = simulator.requests.slice(before).filter((r) => r.path.includes('/events'));
      assert.ok(pages.length >= 2, `${pages.length} page(s) read`);
      // The default limit without `since`: the newest 100.
      assert.equal((await provider.events(created.id, { signal: signal() })).length, 100);
    });

    it('lists jobs newest first, at most `limit`', async () => {
      const first = await provider.create(request(), signal());
      const second = await provider.create(request(), signal());
      const listed = await provider.list({ signal: signal(), limit: 2 });
      assert.deepEqual(
        listed.map((job) => job.id),
        [second.id, first.id],
      );
    });

    it('cancels a job', async () => {
      const created = await provider.create(request({ hyperparameters: { nEpochs: 20 } }), signal());
      const cancelled = await provider.cancel(created.id, signal());
      assert.ok(['cancelled', 'cancelling'].includes(cancelled.status), cancelled.status);
      assert.equal((await until(provider, created.id, (job) => job.status === 'cancelled')).status, 'cancelled');
    });

    it('pauses and resumes a running job', async () => {
      const created = await provider.create(request({ hyperparameters: { nEpochs: 20 } }), signal());
      await until(provider, created.id, (job) => job.status === 'running');
      const paused = await provider.pause(created.id, signal());
      assert.ok(['paused', 'pausing'].includes(paused.status), paused.status);
      await until(provider, created.id, (job) => job.status === 'paused');
      const resumed = await provider.resume(created.id, signal());
      assert.ok(['running', 'resuming'].includes(resumed.status), resumed.status);
      await provider.cancel(created.id, signal());
    });

    it('sends DPO with beta in method', async () => {
      const before = createBodies().length;
      await provider.create(request({ method: 'dpo', hyperparameters: { beta: 0.3, nEpochs: 1 } }), signal());
      const body = createBodies().slice(before)[0] as Record<string, unknown>;
      assert.deepEqual(body.method, { type: 'dpo', dpo: { hyperparameters: { n_epochs: 1, beta: 0.3 } } });
    });

    it('a 500 after the job was created: one request only, an error that says the outcome is unknown', async () => {
      const before = createBodies().length;
      const tag = `req-${randomUUID()}`;
      const failure = await provider
        .create(request({ suffix: 'fault-500-after-create', metadata: { fts_request: tag } }), signal())
        .then(
          () => assert.fail('should fail'),
          (error: unknown) => error,
        );
      assert.ok(failure instanceof ProviderError);
      assert.equal(failure.status, 500);
      assert.equal(failure.outcomeUnknown, true);
      assert.equal(createBodies().length - before, 1, 'create must not be retried by the SDK');
      const listed = await provider.list({ signal: signal(), limit: 5 });
      assert.ok(listed.some((job) => job.metadata.fts_request === tag));
    });

    it('a refused creation keeps the API’s code, param and message', async () => {
      const failure = await provider.create(request({ model: 'fault-refuse' }), signal()).then(
        () => assert.fail('should be refused'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof ProviderError);
      assert.equal(failure.status, 400);
      assert.equal(failure.param, 'model');
      assert.equal(failure.outcomeUnknown, false);
      assert.equal(failure.retryable, false);
      assert.match(failure.serverMessage ?? '', /not available/);
      assert.ok(!failure.message.includes(KEY));
    });

    it('a failed job carries its error', async () => {
      const created = await provider.create(request({ suffix: 'fault-fail' }), signal());
      const failed = await until(provider, created.id, (job) => job.status === 'failed');
      assert.ok(failed.error !== undefined && failed.error.message.length > 0);
    });

    if (flavor === 'openai') {
      it('sends no trainingType to a server that is not Azure', async () => {
        const before = createBodies().length;
        await provider.create(request({ trainingType: 'Developer' }), signal());
        assert.equal((createBodies().slice(before)[0] as Record<string, unknown>).trainingType, undefined);
      });
    }

    if (flavor === 'azure') {
      it('sends Azure’s trainingType and reads it back', async () => {
        const before = createBodies().length;
        const created = await provider.create(request({ trainingType: 'Developer' }), signal());
        assert.equal((createBodies().slice(before)[0] as Record<string, unknown>).trainingType, 'Developer');
        assert.equal(created.trainingType, 'Developer');
        assert.ok(simulator.requests.at(-1)!.path.startsWith('/openai/v1/'));
      });
    }
  });
}

suite('openai');
suite('azure');
