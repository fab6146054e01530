import * as assert from 'node:assert/strict';
import OpenAI, { BadRequestError, InternalServerError, NotFoundError, toFile } from 'openai';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { rejectionOf } from './rejectionOf';

const example = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n';

/** A job body as the simulator sends it: the SDK's type plus `paused` and Azure's `trainingType`. */
type Job = Omit<FineTuningJob, 'status'> & { status: string; trainingType?: string; user_provided_suffix?: string };

async function upload(client: OpenAI, examples = 4, name = 'train.jsonl'): Promise<string> {
  const file = await client.files.create({
    file: await toFile(Buffer.from(example.repeat(examples)), name),
    purpose: 'fine-tune',
  });
  return file.id;
}

/** Polls until the job's status is one of `statuses`; returns the job and every status seen on the way. */
async function waitFor(client: OpenAI, id: string, statuses: string[], timeoutMs = 10_000) {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await client.fineTuning.jobs.retrieve(id)) as Job;
    if (seen.at(-1) !== job.status) seen.push(job.status);
    if (statuses.includes(job.status)) return { job, seen };
    if (Date.now() > deadline) throw new Error(`still ${job.status} (seen ${seen.join(' → ')})`);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
}

async function allEvents(client: OpenAI, id: string) {
  const events = [];
  for await (const event of client.fineTuning.jobs.listEvents(id, { limit: 100 })) events.push(event);
  return events;
}

describe('simulator: fine-tuning jobs', () => {
  let simulator: Simulator;
  let client: OpenAI;
  before(async () => {
    simulator = await startSimulator({ jobStepMs: 15, maxStepsPerEpoch: 4 });
    client = new OpenAI({ baseURL: simulator.url, apiKey: 'x', maxRetries: 0 });
  });
  after(() => simulator.close());

  it('runs a job: validating_files → queued → running → succeeded, with a model that then answers chat', async () => {
    const training = await upload(client, 6);
    const created = (await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: training,
      suffix: 'support',
      seed: 7,
      metadata: { dataset: 'support.jsonl' },
    })) as Job;
    assert.match(created.id, /^ftjob-/);
    assert.equal(created.object, 'fine_tuning.job');
    assert.equal(created.status, 'validating_files');
    assert.equal(created.model, 'sim-chat');
    assert.equal(created.training_file, training);
    assert.equal(created.validation_file, null);
    assert.equal(created.seed, 7);
    assert.equal(created.user_provided_suffix, 'support');
    assert.deepEqual(created.metadata, { dataset: 'support.jsonl' });
    assert.deepEqual(created.hyperparameters, {
      n_epochs: 'auto',
      batch_size: 'auto',
      learning_rate_multiplier: 'auto',
    });
    assert.equal(created.fine_tuned_model, null);

    const { job, seen } = await waitFor(client, created.id, ['succeeded', 'failed']);
    assert.deepEqual(seen.slice(-2), ['running', 'succeeded']);
    assert.ok(seen.indexOf('queued') < seen.indexOf('running'));
    assert.match(job.fine_tuned_model ?? '', /^ft:sim-chat:sim:support:[a-z0-9]{8}$/);
    assert.ok(job.finished_at !== null && job.finished_at >= job.created_at);
    assert.deepEqual(job.hyperparameters, { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 1.8 });
    assert.deepEqual(job.method, { type: 'supervised', supervised: { hyperparameters: job.hyperparameters } });
    assert.equal(job.trained_tokens, Math.ceil((example.length * 6) / 4) * 3);

    const completion = await client.chat.completions.create({
      model: job.fine_tuned_model ?? '',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(completion.choices[0]?.message.content, '[fine-tuned] Simulated reply to: hi');
    const models = await client.models.list();
    assert.ok(models.data.some((model) => model.id === job.fine_tuned_model));
  });

  it('reports metrics events (newest first) whose losses fall, and ends with the result CSV', async () => {
    const created = await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: await upload(client, 10) });
    const { job } = await waitFor(client, created.id, ['succeeded']);
    const events = await allEvents(client, job.id);
    assert.equal(events[0]?.message, 'The job has successfully completed');
    assert.equal(events.at(-1)?.message, `Created fine-tuning job: ${job.id}`);
    assert.ok(events.every((event) => event.object === 'fine_tuning.job.event' && event.level === 'info'));
    const metrics = events
      .filter((event) => event.type === 'metrics')
      .map((event) => event.data as Record<string, number>)
      .reverse();
    assert.equal(metrics.length, 12, '3 epochs of 4 steps (10 examples capped at 4 steps per epoch)');
    assert.deepEqual(
      metrics.map((data) => data.step),
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    assert.ok(metrics.every((data) => data.total_steps === 12 && data.valid_loss === undefined));
    assert.ok(metrics.every((data) => data.train_mean_token_accuracy! > 0 && data.train_mean_token_accuracy! < 1));
    assert.ok(metrics[0]!.train_loss! > metrics.at(-1)!.train_loss! + 1, 'the training loss falls');
    assert.match(
      events.find((event) => event.type === 'metrics')?.message ?? '',
      /^Step 12\/12: training loss=\d\.\d{4}$/,
    );

    assert.equal(job.result_files.length, 1);
    const resultFile = await client.files.retrieve(job.result_files[0]!);
    assert.equal(resultFile.purpose, 'fine-tune-results');
    const csv = await (await client.files.content(resultFile.id)).text();
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    assert.equal(lines.length, 13);
    assert.equal(lines[1], `1,${metrics[0]!.train_loss},${metrics[0]!.train_mean_token_accuracy},,`);
  });

  it('keeps a checkpoint per epoch (the last three), newest first, each a model chat answers', async () => {
    const created = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: await upload(client, 2),
      validation_file: await upload(client, 1, 'valid.jsonl'),
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 4, batch_size: 1 } } },
    });
    const { job } = await waitFor(client, created.id, ['succeeded']);
    const checkpoints = (await client.fineTuning.jobs.checkpoints.list(job.id)).data;
    assert.deepEqual(
      checkpoints.map((checkpoint) => checkpoint.step_number),
      [8, 6, 4],
    );
    for (const checkpoint of checkpoints) {
      assert.equal(checkpoint.object, 'fine_tuning.job.checkpoint');
      assert.equal(checkpoint.fine_tuning_job_id, job.id);
      assert.equal(
        checkpoint.fine_tuned_model_checkpoint,
        `${job.fine_tuned_model}:ckpt-step-${checkpoint.step_number}`,
      );
      assert.equal(checkpoint.metrics.step, checkpoint.step_number);
      assert.equal(typeof checkpoint.metrics.valid_loss, 'number');
      assert.equal(checkpoint.metrics.full_valid_loss, checkpoint.metrics.valid_loss);
    }
    const reply = await client.chat.completions.create({
      model: checkpoints[0]!.fine_tuned_model_checkpoint,
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(reply.choices[0]?.message.content, '[fine-tuned] Simulated reply to: x');
  });

  it('with a validation file reports validation metrics; suffix overfit makes the validation loss turn up', async () => {
    const validation = await upload(client, 2, 'valid.jsonl');
    const run = async (suffix: string) => {
      const created = await client.fineTuning.jobs.create({
        model: 'sim-chat',
        training_file: await upload(client, 8),
        validation_file: validation,
        suffix,
        hyperparameters: { n_epochs: 4 },
      });
      await waitFor(client, created.id, ['succeeded']);
      return (await allEvents(client, created.id))
        .filter((event) => event.type === 'metrics')
        .map((event) => event.data as { train_loss: number; valid_loss: number; valid_mean_token_accuracy: number })
        .reverse();
    };
    const normal = await run('plain');
    const overfit = await run('overfit');
    for (const metrics of [normal, overfit]) {
      assert.equal(metrics.length, 16);
      assert.ok(metrics[0]!.train_loss > metrics.at(-1)!.train_loss + 1);
      assert.ok(metrics.every((data) => data.valid_mean_token_accuracy > 0));
    }
    const lowest = (metrics: typeof normal) => Math.min(...metrics.map((data) => data.valid_loss));
    assert.ok(
      normal.at(-1)!.valid_loss - lowest(normal) < 0.05,
      'without overfit the validation loss ends near its lowest',
    );
    assert.ok(overfit.at(-1)!.valid_loss - lowest(overfit) > 0.4, 'with overfit it ends well above its lowest');
    const best = overfit.findIndex((data) => data.valid_loss === lowest(overfit));
    assert.ok(best > 4 && best < 12, `the lowest validation loss is mid-run (step ${best + 1})`);
  });

  it('lists jobs newest first, paged, and filters by metadata', async () => {
    const training = await upload(client);
    const first = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: training,
      metadata: { tag: 'a' },
    });
    const second = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: training,
      metadata: { tag: 'b' },
    });
    const page = await client.fineTuning.jobs.list({ limit: 1 });
    assert.deepEqual(
      page.data.map((job) => job.id),
      [second.id],
    );
    assert.equal(page.has_more, true);
    const next = await client.fineTuning.jobs.list({ limit: 1, after: second.id });
    assert.deepEqual(
      next.data.map((job) => job.id),
      [first.id],
    );
    const tagged = await client.fineTuning.jobs.list({ metadata: { tag: 'a' } });
    assert.deepEqual(
      tagged.data.map((job) => job.id),
      [first.id],
    );
    await Promise.all([client.fineTuning.jobs.cancel(first.id), client.fineTuning.jobs.cancel(second.id)]);
  });

  it('pages events with limit and after', async () => {
    const created = await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: await upload(client) });
    await waitFor(client, created.id, ['succeeded']);
    const all = await allEvents(client, created.id);
    const firstPage = await client.fineTuning.jobs.listEvents(created.id, { limit: 3 });
    assert.deepEqual(firstPage.data, all.slice(0, 3));
    assert.equal(firstPage.has_more, true);
    const secondPage = await client.fineTuning.jobs.listEvents(created.id, { limit: 3, after: all[2]!.id });
    assert.deepEqual(secondPage.data, all.slice(3, 6));
  });

  it('pauses a running job (no progress while paused) and resumes it to the end', async () => {
    const created = await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: await upload(client, 8) });
    await waitFor(client, created.id, ['running']);
    const paused = (await client.fineTuning.jobs.pause(created.id)) as Job;
    assert.equal(paused.status, 'paused');
    const eventsAtPause = (await allEvents(client, created.id)).length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal((await client.fineTuning.jobs.retrieve(created.id)).status, 'paused');
    assert.equal((await allEvents(client, created.id)).length, eventsAtPause, 'no events while paused');
    const again = await rejectionOf(client.fineTuning.jobs.pause(created.id));
    assert.ok(again instanceof BadRequestError, String(again));
    assert.equal(((await client.fineTuning.jobs.resume(created.id)) as Job).status, 'running');
    const { job } = await waitFor(client, created.id, ['succeeded']);
    const messages = (await allEvents(client, created.id)).map((event) => event.message);
    assert.ok(messages.includes('Fine-tuning job paused') && messages.includes('Fine-tuning job resumed'));
    assert.equal(job.status, 'succeeded');
    assert.ok((await rejectionOf(client.fineTuning.jobs.resume(created.id))) instanceof BadRequestError);
  });

  it('cancels a job: cancelled at once, no further progress, and a second cancel is refused', async () => {
    const created = await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: await upload(client) });
    const cancelled = await client.fineTuning.jobs.cancel(created.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.finished_at !== null);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const job = await client.fineTuning.jobs.retrieve(created.id);
    assert.equal(job.status, 'cancelled');
    assert.equal(job.fine_tuned_model, null);
    assert.ok((await rejectionOf(client.fineTuning.jobs.cancel(created.id))) instanceof BadRequestError);
    assert.ok((await rejectionOf(client.fineTuning.jobs.retrieve('ftjob-nope'))) instanceof NotFoundError);
  });

  it('trains DPO with beta and echoes the method', async () => {
    const created = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: await upload(client),
      method: { type: 'dpo', dpo: { hyperparameters: { beta: 0.2 } } },
    });
    const { job } = await waitFor(client, created.id, ['succeeded']);
    assert.deepEqual(job.method, {
      type: 'dpo',
      dpo: { hyperparameters: { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 1.8, beta: 0.2 } },
    });
  });

  it('refuses bad requests with a 400 naming the parameter', async () => {
    const training = await upload(client);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ training_file: training }, 'model'],
      [{ model: 'gpt-nope', training_file: training }, 'model'],
      [{ model: 'sim-chat' }, 'training_file'],
      [{ model: 'sim-chat', training_file: 'file-unknown' }, 'training_file'],
      [{ model: 'sim-chat', training_file: training, validation_file: 'file-unknown' }, 'validation_file'],
      [{ model: 'sim-chat', training_file: training, hyperparameters: { n_epochs: 0 } }, 'hyperparameters.n_epochs'],
      [{ model: 'sim-chat', training_file: training, method: { type: 'reinforcement' } }, 'method.type'],
      [{ model: 'sim-chat', training_file: training, suffix: 'x'.repeat(65) }, 'suffix'],
      [{ model: 'sim-chat', training_file: training, trainingType: 'Standard' }, 'trainingType'],
    ];
    for (const [body, param] of cases) {
      const error = await rejectionOf(client.post('/fine_tuning/jobs', { body }));
      assert.ok(error instanceof BadRequestError, `${JSON.stringify(body)}: ${String(error)}`);
      assert.equal(error.param, param, JSON.stringify(body));
    }
    const unknownModel = await rejectionOf(
      client.fineTuning.jobs.create({ model: 'gpt-nope', training_file: training }),
    );
    assert.match(
      String((unknownModel as Error).message),
      /Model gpt-nope is not available for fine-tuning or does not exist/,
    );
  });

  it('fault-refuse: 400 model_not_available explaining that fine-tuning is not available to the organization', async () => {
    const error = await rejectionOf(
      client.fineTuning.jobs.create({ model: 'fault-refuse', training_file: await upload(client) }),
    );
    assert.ok(error instanceof BadRequestError, String(error));
    assert.equal(error.code, 'model_not_available');
    assert.equal(error.param, 'model');
    assert.match(error.message, /fine-tuning is not available to your organization/);
    assert.ok((await client.models.list()).data.some((model) => model.id === 'fault-refuse'));
  });

  it('fault-500-after-create: answers 500, yet the job exists and runs', async () => {
    const before = (await client.fineTuning.jobs.list({ limit: 100 })).data.length;
    const error = await rejectionOf(
      client.fineTuning.jobs.create({
        model: 'sim-chat',
        training_file: await upload(client),
        suffix: 'fault-500-after-create',
        metadata: { tag: 'idem-1' },
      }),
    );
    assert.ok(error instanceof InternalServerError, String(error));
    const jobs = (await client.fineTuning.jobs.list({ metadata: { tag: 'idem-1' } })).data;
    assert.equal(jobs.length, 1);
    assert.equal((await client.fineTuning.jobs.list({ limit: 100 })).data.length, before + 1);
    await waitFor(client, jobs[0]!.id, ['succeeded']);
  });

  it('fault-fail: the job fails while running, with error code, message and param', async () => {
    const created = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: await upload(client, 8),
      suffix: 'fault-fail',
    });
    const { job, seen } = await waitFor(client, created.id, ['failed', 'succeeded']);
    assert.equal(job.status, 'failed');
    assert.ok(seen.includes('running'));
    assert.equal(job.error?.code, 'invalid_training_file');
    assert.equal(job.error?.param, 'training_file');
    assert.match(job.error?.message ?? '', /invalid training file/);
    assert.equal(job.fine_tuned_model, null);
    const events = await allEvents(client, job.id);
    assert.equal(events[0]?.level, 'error');
    assert.equal(events.filter((event) => event.type === 'metrics').length, 6, 'half of the 12 steps ran');
  });

  it('fails in validation a training file with a line that is not JSON, or without examples', async () => {
    const broken = await client.files.create({
      file: await toFile(Buffer.from(`${example}{"messages": [\n`), 'broken.jsonl'),
      purpose: 'fine-tune',
    });
    const empty = await client.files.create({
      file: await toFile(Buffer.alloc(0), 'empty.jsonl'),
      purpose: 'fine-tune',
    });
    for (const [file, message] of [
      [broken.id, /Invalid file format: line 2 is not a JSON object/],
      [empty.id, /has no examples/],
    ] as const) {
      const created = await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: file });
      const { job, seen } = await waitFor(client, created.id, ['failed', 'succeeded']);
      assert.deepEqual(seen, ['validating_files', 'failed']);
      assert.equal(job.error?.code, 'invalid_training_file');
      assert.equal(job.error?.param, 'training_file');
      assert.match(job.error?.message ?? '', message);
    }
  });

  it('fine-tunes a fine-tuned model further (ft:sim-chat:… → ft:sim-chat:sim:…)', async () => {
    const created = await client.fineTuning.jobs.create({
      model: 'ft:sim-chat:studio::sim001',
      training_file: await upload(client, 1),
    });
    const { job } = await waitFor(client, created.id, ['succeeded']);
    assert.match(job.fine_tuned_model ?? '', /^ft:sim-chat:sim::[a-z0-9]{8}$/);
  });
});

describe('simulator: fine-tuning, Azure flavour', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await startSimulator({ flavor: 'azure', apiKey: 'az-key', jobStepMs: 5 });
  });
  after(() => simulator.close());

  it('serves the API under /openai/v1 with the api-key header, and echoes trainingType', async () => {
    const base = simulator.url.replace(/\/v1$/, '/openai/v1');
    const client = new OpenAI({
      baseURL: base,
      apiKey: 'unused',
      defaultHeaders: { 'api-key': 'az-key', authorization: null },
      maxRetries: 0,
    });
    const training = await upload(client);
    const job = (await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: training,
      trainingType: 'GlobalStandard',
    } as Parameters<typeof client.fineTuning.jobs.create>[0])) as Job;
    assert.equal(job.trainingType, 'GlobalStandard');
    assert.equal(((await client.fineTuning.jobs.retrieve(job.id)) as Job).trainingType, 'GlobalStandard');
    assert.equal(simulator.requests.at(-1)?.headers['api-key'], 'az-key');
    // The plain /v1 path and Bearer still work; a wrong api-key does not.
    const bearer = new OpenAI({ baseURL: simulator.url, apiKey: 'az-key', maxRetries: 0 });
    assert.equal((await bearer.fineTuning.jobs.retrieve(job.id)).id, job.id);
    const wrong = await fetch(`${base}/fine_tuning/jobs`, { headers: { 'api-key': 'nope' } });
    assert.equal(wrong.status, 401);
  });
});

describe('simulator: close stops the jobs', () => {
  it('leaves no job timer running after close', async () => {
    // Job timers are told apart from every other timer in the process by their unusual delay.
    const jobStepMs = 61_234;
    const pending = new Set<unknown>();
    const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
    globalThis.setTimeout = ((callback: () => void, ms?: number) => {
      const timer = realSet(callback, ms);
      if (ms === jobStepMs) pending.add(timer);
      return timer;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((timer?: NodeJS.Timeout) => {
      pending.delete(timer);
      realClear(timer);
    }) as typeof clearTimeout;
    try {
      const simulator = await startSimulator({ jobStepMs });
      const client = new OpenAI({ baseURL: simulator.url, apiKey: 'x', maxRetries: 0 });
      const training = await upload(client);
      await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: training });
      await client.fineTuning.jobs.create({ model: 'sim-chat', training_file: training });
      assert.equal(pending.size, 2, 'each job waits on a timer');
      await simulator.close();
      assert.equal(pending.size, 0);
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    }
  });
});
