import * as assert from 'node:assert/strict';
import type { FineTuneJob } from '../../../src/core/jobs/job';
import { stepMetricsFromEvent } from '../../../src/core/jobs/metrics';
import { JobsTreeModel } from '../../../src/jobs/tree/jobsTreeModel';
import { FOCUSED_DELAY_MS, UNFOCUSED_DELAY_MS } from '../../../src/core/jobs/pollSchedule';
import { JobsWatcher } from '../../../src/jobs/watch/jobsWatcher';
import { WatchedJobs } from '../../../src/jobs/watch/watchedJobs';
import { event, FakeProvider, job, ManualClock, memento, settle } from './fakes';

function setup(storage = memento()) {
  const provider = new FakeProvider();
  const model = new JobsTreeModel();
  const clock = new ManualClock();
  const ended: FineTuneJob[] = [];
  const watched = new WatchedJobs(storage);
  const watcher = new JobsWatcher({
    model,
    watched,
    providerFor: () => Promise.resolve(provider),
    latestStep: (events) => events.map(stepMetricsFromEvent).find((m) => m !== undefined),
    onWatchedJobEnded: (_connectionId, endedJob) => ended.push(endedJob),
    clock,
  });
  return { provider, model, clock, ended, watched, watcher, storage };
}

const CONNECTION = [{ id: 'c1', name: 'Simulator' }];

describe('jobs view: the watcher polls jobs into the tree model', () => {
  it('reads a connection when the tree first shows it (not merely for existing), and stops when nothing runs', async () => {
    const { provider, model, clock, watcher } = setup();
    provider.setJobs(job('j2', 'succeeded', { createdAt: 2 }), job('j1', 'failed', { createdAt: 1 }));
    watcher.setConnections(CONNECTION);
    await settle();
    assert.deepEqual(provider.calls, [], 'adding a connection sends nothing');
    await watcher.ensureLoaded('c1');
    await watcher.ensureLoaded('c1');
    assert.deepEqual(
      model.connection('c1')?.jobs.map((entry) => entry.job.id),
      ['j2', 'j1'],
    );
    assert.deepEqual(provider.calls, ['list'], 'finished jobs get no event reads');
    assert.deepEqual(clock.pending(), [], 'no poll scheduled: nothing can change');
    assert.equal(watcher.isScheduled('c1'), false);
  });

  it('polls again while a job runs, faster while focused, and reads only new events', async () => {
    const { provider, model, clock, watcher } = setup();
    provider.setJobs(job('j1', 'running'));
    provider.eventsOf.set('j1', [
      event('e2', 20, 'Step 2/10', { step: 2, total_steps: 10, train_loss: 1.5 }),
      event('e1', 10, 'Started'),
    ]);
    watcher.setConnections(CONNECTION);
    await watcher.ensureLoaded('c1');
    assert.deepEqual(clock.pending(), [FOCUSED_DELAY_MS]);
    assert.deepEqual(
      model.entry('c1', 'j1')?.events?.map((e) => e.id),
      ['e2', 'e1'],
    );
    assert.equal(model.entry('c1', 'j1')?.latest?.totalSteps, 10);
    assert.ok(provider.calls.includes('checkpoints j1'));

    watcher.setFocused(false);
    provider.calls = [];
    provider.eventsOf.set('j1', [
      event('e3', 30, 'Step 3/10', { step: 3, train_loss: 1.2 }),
      ...provider.eventsOf.get('j1')!,
    ]);
    clock.fire();
    await settle();
    assert.deepEqual(provider.calls, ['list', 'events j1 since e2', 'checkpoints j1']);
    assert.deepEqual(
      model.entry('c1', 'j1')?.events?.map((e) => e.id),
      ['e3', 'e2', 'e1'],
    );
    assert.equal(model.entry('c1', 'j1')?.latest?.step, 3);
    assert.deepEqual(clock.pending(), [UNFOCUSED_DELAY_MS], 'unfocused: the slower delay');
    provider.calls = [];
    watcher.setFocused(true);
    assert.deepEqual(clock.pending(), [], 'the waiting poll is not kept');
    await settle();
    assert.equal(provider.calls[0], 'list', 'the user is back: polled at once');
    assert.deepEqual(clock.pending(), [FOCUSED_DELAY_MS]);
  });

  it('backs off after failures, shows the error on the connection, and clears it on success', async () => {
    const { provider, model, clock, watcher } = setup();
    provider.setJobs(job('j1', 'queued'));
    watcher.setConnections(CONNECTION);
    await watcher.ensureLoaded('c1');
    provider.failList = new Error('502 Bad Gateway from http://127.0.0.1/v1/fine_tuning/jobs');
    clock.fire();
    await settle();
    assert.deepEqual(clock.pending(), [FOCUSED_DELAY_MS * 2]);
    assert.match(model.connection('c1')?.error ?? '', /502 Bad Gateway/);
    assert.equal(model.children({ kind: 'connection', connectionId: 'c1' })[0]?.kind, 'message');
    clock.fire();
    await settle();
    assert.deepEqual(clock.pending(), [FOCUSED_DELAY_MS * 4]);
    provider.failList = undefined;
    clock.fire();
    await settle();
    assert.equal(model.connection('c1')?.error, undefined);
    assert.deepEqual(clock.pending(), [FOCUSED_DELAY_MS]);
  });

  it('a connection whose first list fails (no fine-tuning API) is not polled again until refreshed', async () => {
    const { provider, model, clock, watcher } = setup();
    provider.failList = new Error('404 Not Found');
    watcher.setConnections(CONNECTION);
    await watcher.ensureLoaded('c1');
    await watcher.ensureLoaded('c1');
    assert.deepEqual(provider.calls, ['list'], 'showing it again does not ask again');
    assert.deepEqual(clock.pending(), []);
    assert.match(model.connection('c1')?.error ?? '', /Could not read the fine-tuning jobs: 404/);
    provider.failList = undefined;
    await watcher.refresh('c1');
    assert.equal(model.connection('c1')?.error, undefined);
  });

  it('retrieves a watched job the list no longer holds, and announces its end once', async () => {
    const { provider, model, clock, ended, watcher, watched } = setup();
    provider.jobs.set('old', job('old', 'running', { createdAt: 1 }));
    watcher.setConnections(CONNECTION);
    await settle();
    await watcher.watch('c1', 'old');
    assert.ok(provider.calls.includes('retrieve old'));
    assert.equal(model.entry('c1', 'old')?.job.status, 'running');
    assert.equal(ended.length, 0);
    provider.jobs.set('old', job('old', 'succeeded', { createdAt: 1, fineTunedModel: 'ft:x' }));
    clock.fire();
    await settle();
    assert.deepEqual(
      ended.map((j) => [j.id, j.status]),
      [['old', 'succeeded']],
    );
    assert.equal(watched.get('c1', 'old')?.done, true);
    await watcher.refresh();
    assert.equal(ended.length, 1, 'not announced twice');
    assert.deepEqual(clock.pending(), []);
  });

  it('restores watched jobs from storage: a job that ended while the window was closed is announced once', async () => {
    const storage = memento();
    const first = setup(storage);
    first.provider.setJobs(job('j1', 'running'));
    first.watcher.setConnections(CONNECTION);
    await first.watcher.watch('c1', 'j1');
    first.watcher.dispose();
    assert.deepEqual(first.clock.pending(), [], 'dispose stops polling');

    const second = setup(storage);
    second.provider.jobs.set(
      'j1',
      job('j1', 'failed', { error: { code: 'invalid_file', message: 'Bad line 3', param: 'training_file' } }),
    );
    second.watcher.setConnections(CONNECTION);
    await settle();
    assert.equal(second.model.entry('c1', 'j1')?.job.status, 'failed');
    assert.deepEqual(
      second.ended.map((j) => j.error?.param),
      ['training_file'],
    );
  });

  it('stops watching a job the server does not know (404), so it is not polled forever', async () => {
    const { provider, clock, watcher, watched } = setup();
    watcher.setConnections(CONNECTION);
    await settle();
    await watcher.watch('c1', 'gone');
    assert.equal(watched.get('c1', 'gone')?.done, true);
    assert.deepEqual(clock.pending(), []);
    assert.ok(provider.calls.includes('retrieve gone'));
  });

  it('after a change of URL or key, polls again only the connections read before', async () => {
    const provider = new FakeProvider();
    const asked: string[] = [];
    const watcher = new JobsWatcher({
      model: new JobsTreeModel(),
      watched: new WatchedJobs(memento()),
      providerFor: (connectionId) => {
        asked.push(connectionId);
        return Promise.resolve(provider);
      },
      latestStep: () => undefined,
      onWatchedJobEnded: () => undefined,
      clock: new ManualClock(),
    });
    watcher.setConnections([
      { id: 'shown', name: 'Shown' },
      { id: 'hidden', name: 'Never shown' },
    ]);
    await watcher.ensureLoaded('shown');
    await watcher.refreshShown();
    assert.deepEqual(asked, ['shown', 'shown']);
  });

  it('shares a poll asked for while one is queued, and drops removed connections', async () => {
    const { provider, watcher, model } = setup();
    provider.setJobs(job('j1', 'running'));
    watcher.setConnections(CONNECTION);
    await Promise.all([watcher.refresh(), watcher.refresh(), watcher.refresh()]);
    assert.equal(provider.calls.filter((call) => call === 'list').length, 1);
    watcher.setConnections([]);
    assert.equal(watcher.isScheduled('c1'), false);
    assert.deepEqual(model.roots(), []);
  });

  it('reads a finished job’s events and checkpoints only when the tree shows them', async () => {
    const { provider, model, watcher } = setup();
    provider.setJobs(job('j1', 'succeeded'));
    provider.eventsOf.set('j1', [event('e1', 1, 'The job has successfully completed')]);
    provider.checkpointsOf.set('j1', [
      { id: 'k1', createdAt: 1, step: 10, model: 'ft:x:ckpt-step-10', metrics: { step: 10, trainLoss: 0.5 } },
      { id: 'k2', createdAt: 2, step: 20, model: 'ft:x:ckpt-step-20', metrics: { step: 20, trainLoss: 0.4 } },
    ]);
    watcher.setConnections(CONNECTION);
    await watcher.ensureLoaded('c1');
    assert.equal(model.needsDetails('c1', 'j1'), true);
    await Promise.all([watcher.loadDetails('c1', 'j1'), watcher.loadDetails('c1', 'j1')]);
    assert.equal(provider.calls.filter((call) => call === 'events j1').length, 1, 'one read for both callers');
    const groups = model.children({ kind: 'job', connectionId: 'c1', jobId: 'j1' });
    assert.deepEqual(
      groups.map((g) => (g.kind === 'group' ? g.group : g.kind)),
      ['events', 'checkpoints'],
    );
    const checkpoints = model.children(groups[1]!);
    assert.deepEqual(
      checkpoints.map((c) => (c.kind === 'checkpoint' ? c.checkpoint.step : -1)),
      [20, 10],
    );
  });
});
