import * as assert from 'node:assert/strict';
import type { FineTuneJob, JobCheckpoint, JobEvent } from '../../../src/core/jobs/job';
import type { FineTuneProvider } from '../../../src/core/jobs/provider';
import { JobDetailSession, type JobDetailSink } from '../../../src/jobs/detail/jobDetailSession';
import type { JobDetail, MetricsUpdate } from '../../../src/protocol/jobs';

/** A provider over plain data the test changes between reads; counts each kind of call. */
class FakeProvider {
  job: FineTuneJob = {
    id: 'ftjob-1',
    status: 'running',
    model: 'gpt-4o-mini-2024-07-18',
    createdAt: 1_700_000_000,
    method: 'supervised',
    hyperparameters: { nEpochs: 3 },
    trainingFile: 'file-train',
    resultFiles: [],
    metadata: {},
  };
  /** Newest first, as the API pages them. */
  events: JobEvent[] = [];
  checkpointList: JobCheckpoint[] = [];
  files = new Map<string, string>();
  failRetrieve: Error | undefined;
  calls = { retrieve: 0, events: [] as { since?: string; limit?: number }[], checkpoints: 0, fileContent: 0 };
  deploymentNote: string | undefined;

  addMetrics(step: number, data: Record<string, number> = {}): void {
    this.events.unshift({
      id: `ftevent-${this.events.length + 1}`,
      createdAt: 0,
      level: 'info',
      message: `Step ${step}`,
      type: 'metrics',
      data: { step, train_loss: 2 / step, total_steps: 10, ...data },
    });
  }

  asProvider(): FineTuneProvider {
    const unused = () => Promise.reject(new Error('not used by the detail panel'));
    // Read at each use, so a test may change the note after the session took the provider.
    const capabilities = () => ({
      methods: ['supervised' as const],
      pause: false,
      trainingTypes: [],
      ...(this.deploymentNote ? { deploymentNote: this.deploymentNote } : {}),
    });
    return {
      get capabilities() {
        return capabilities();
      },
      listBaseModels: unused,
      upload: unused,
      fileInfo: unused,
      create: unused,
      list: unused,
      cancel: unused,
      pause: unused,
      resume: unused,
      retrieve: () => {
        this.calls.retrieve++;
        return this.failRetrieve ? Promise.reject(this.failRetrieve) : Promise.resolve(structuredClone(this.job));
      },
      events: (_jobId, { since, limit }) => {
        this.calls.events.push({ ...(since ? { since } : {}), ...(limit ? { limit } : {}) });
        const end = since === undefined ? this.events.length : this.events.findIndex((e) => e.id === since);
        return Promise.resolve(this.events.slice(0, end < 0 ? this.events.length : end));
      },
      checkpoints: () => {
        this.calls.checkpoints++;
        return Promise.resolve(this.checkpointList);
      },
      fileContent: (fileId) => {
        this.calls.fileContent++;
        const text = this.files.get(fileId);
        return text === undefined ? Promise.reject(new Error(`no file ${fileId}`)) : Promise.resolve(Buffer.from(text));
      },
    };
  }
}

class RecordingSink implements JobDetailSink {
  details: JobDetail[] = [];
  updates: MetricsUpdate[] = [];
  failures: string[] = [];
  detail(detail: JobDetail): void {
    this.details.push(detail);
  }
  metrics(update: MetricsUpdate): void {
    this.updates.push(update);
  }
  failed(message: string): void {
    this.failures.push(message);
  }
  get last(): JobDetail {
    return this.details.at(-1)!;
  }
}

function setup(intervalMs = 60_000) {
  const fake = new FakeProvider();
  const sink = new RecordingSink();
  const session = new JobDetailSession({
    provider: fake.asProvider(),
    jobId: fake.job.id,
    connectionName: 'Simulator',
    sink,
    intervalMs,
  });
  return { fake, sink, session };
}

const sessions: JobDetailSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

describe('job detail session', () => {
  it('reads the job, every event and the checkpoints, and sends the detail and metrics', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.addMetrics(1);
    fake.addMetrics(2, { valid_loss: 1.5 });
    fake.events.unshift({ id: 'ftevent-msg', createdAt: 0, level: 'info', message: 'Checkpoint created' });
    await session.refresh();
    assert.deepEqual(fake.calls.events, [{ limit: 20_000 }]);
    assert.equal(fake.calls.checkpoints, 1);
    assert.deepEqual(sink.updates, [
      {
        replace: false,
        points: [
          { step: 1, trainLoss: 2, totalSteps: 10 },
          { step: 2, trainLoss: 1, validLoss: 1.5, totalSteps: 10 },
        ],
      },
    ]);
    assert.equal(sink.last.statusLabel, 'Running');
    assert.equal(sink.last.unfinished, true);
    assert.equal(sink.last.totalSteps, 10);
    assert.equal(sink.last.connectionName, 'Simulator');
    assert.equal(sink.last.job.id, 'ftjob-1');
    assert.equal(session.polling, true);
  });

  it('then asks only for events newer than the last seen, sending only the new steps', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.addMetrics(1);
    await session.refresh();
    fake.addMetrics(2);
    fake.addMetrics(3);
    await session.refresh();
    assert.deepEqual(fake.calls.events[1], { since: 'ftevent-1' });
    assert.deepEqual(
      sink.updates[1]?.points.map((p) => p.step),
      [2, 3],
    );
    await session.refresh();
    assert.equal(sink.updates.length, 2, 'nothing new, no metrics message');
    assert.equal(fake.calls.checkpoints, 2, 'checkpoints only read when something happened');
  });

  it('reads the result CSV once the job succeeded, sends the merged metrics whole, and stops polling', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.addMetrics(1, { valid_loss: 1.9 });
    await session.refresh();
    fake.job = { ...fake.job, status: 'succeeded', resultFiles: ['file-result'], fineTunedModel: 'ft:gpt:x' };
    fake.files.set('file-result', 'step,train_loss,train_accuracy,valid_loss\n1,1.75,0.5,\n2,1.5,0.6,1.6\n');
    await session.refresh();
    assert.deepEqual(sink.updates.at(-1), {
      replace: true,
      points: [
        { step: 1, trainLoss: 1.75, trainMeanTokenAccuracy: 0.5, validLoss: 1.9, totalSteps: 10 },
        { step: 2, trainLoss: 1.5, trainMeanTokenAccuracy: 0.6, validLoss: 1.6 },
      ],
    });
    assert.equal(sink.last.statusLabel, 'Succeeded');
    assert.equal(sink.last.unfinished, false);
    assert.equal(session.polling, false);
    await session.refresh();
    assert.equal(fake.calls.fileContent, 1, 'read once');
  });

  it('says when the result file is not a metrics CSV, keeping the event metrics', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.addMetrics(1);
    fake.job = { ...fake.job, status: 'succeeded', resultFiles: ['file-result'] };
    fake.files.set('file-result', 'hello\nworld\n');
    await session.refresh();
    assert.match(sink.last.notice ?? '', /result file file-result could not be read: .*no "step" column/);
    assert.equal(sink.updates.length, 1);
  });

  it('keeps the last state with a notice when a refresh fails, and backs off', async () => {
    const { fake, sink, session } = setup(5);
    sessions.push(session);
    await session.refresh();
    fake.failRetrieve = new Error('503 Service Unavailable');
    await session.refresh();
    assert.equal(sink.last.notice, 'Could not refresh the job: 503 Service Unavailable');
    assert.equal(sink.last.job.id, 'ftjob-1');
    // Polls every 5 ms when well; failing, it waits 10, 20, 40, 80 ms…: a handful of tries in 150 ms, not 30.
    const before = fake.calls.retrieve;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.ok(fake.calls.retrieve - before <= 6, `${fake.calls.retrieve - before} tries while failing`);
    fake.failRetrieve = undefined;
    await session.refresh();
    assert.equal(sink.last.notice, undefined, 'cleared by the next good read');
  });

  it('reports a job it cannot read at all as failed', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.failRetrieve = new Error('404 No such job');
    await session.refresh();
    assert.deepEqual(sink.failures, ['Could not read the job ftjob-1: 404 No such job']);
    assert.equal(sink.details.length, 0);
  });

  it('shows the error of a failed job verbatim, and the provider deployment note', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.deploymentNote = 'Deploy it in Azure first.';
    fake.job = {
      ...fake.job,
      status: 'failed',
      error: { code: 'invalid_training_file', message: 'Line 3: <b>bad</b>', param: 'training_file' },
    };
    await session.refresh();
    assert.deepEqual(sink.last.job.error, fake.job.error);
    assert.equal(sink.last.deploymentNote, 'Deploy it in Azure first.');
    assert.equal(session.polling, false);
  });

  it('keeps an unknown status as it came, and keeps polling it', async () => {
    const { fake, sink, session } = setup();
    sessions.push(session);
    fake.job = { ...fake.job, status: 'warming_up' };
    await session.refresh();
    assert.equal(sink.last.statusLabel, 'warming_up');
    assert.equal(session.polling, true);
  });

  it('polls on its own while visible, not while hidden, and reads at once when shown again', async () => {
    const { fake, session } = setup(10);
    sessions.push(session);
    await session.refresh();
    // Generous on a busy machine: three polls 10 ms apart within two seconds.
    for (let waited = 0; fake.calls.retrieve < 3 && waited < 2_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(fake.calls.retrieve >= 3, `polled ${fake.calls.retrieve} times`);
    session.setVisible(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const hidden = fake.calls.retrieve;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(fake.calls.retrieve, hidden, 'no polls while hidden');
    session.setVisible(true);
    assert.equal(fake.calls.retrieve, hidden + 1, 'read at once');
  });

  it('stops polling once disposed', async () => {
    const { fake, session } = setup(5);
    await session.refresh();
    session.dispose();
    const calls = fake.calls.retrieve;
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(fake.calls.retrieve, calls);
    assert.equal(session.polling, false);
  });
});
