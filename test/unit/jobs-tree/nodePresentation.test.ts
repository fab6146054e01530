import * as assert from 'node:assert/strict';
import type { ProviderCapabilities } from '../../../src/core/jobs/provider';
import { JobsTreeModel, MAX_EVENTS_PER_JOB, type JobsNode } from '../../../src/jobs/tree/jobsTreeModel';
import { jobContextValue, jobDescription, jobLabel, presentNode } from '../../../src/jobs/tree/nodePresentation';
import { ageText, timestampText } from '../../../src/jobs/tree/timeText';
import { event, job } from './fakes';

const NOW = 1_700_000_000 + 600;
const OPENAI: ProviderCapabilities = { methods: ['supervised', 'dpo'], pause: true, trainingTypes: [] };
const AZURE: ProviderCapabilities = {
  methods: ['supervised'],
  pause: false,
  trainingTypes: ['Standard'],
  deploymentNote: 'Deploy it first through Azure’s management API.',
};

function modelWith(...jobs: ReturnType<typeof job>[]): JobsTreeModel {
  const model = new JobsTreeModel();
  model.setConnections([{ id: 'c1', name: 'OpenAI (work)' }]);
  model.updateJobs('c1', jobs);
  return model;
}

describe('jobs view: what the tree shows', () => {
  it('a running job: suffix as label, status · age · step of total · time left, spinning icon', () => {
    const running = job('ftjob-1', 'running', { suffix: 'support-bot', estimatedFinish: NOW + 180 });
    assert.equal(jobLabel(running), 'support-bot');
    assert.equal(
      jobDescription(running, { step: 40, totalSteps: 100 }, NOW),
      'Running · 10 min ago · Step 40 of 100 (40%) · about 3 min left',
    );
    const model = modelWith(running);
    const look = presentNode(model, { kind: 'job', connectionId: 'c1', jobId: 'ftjob-1' }, NOW);
    assert.equal(look.icon?.id, 'sync~spin');
    assert.equal(look.collapsible, 'collapsed');
    assert.deepEqual(look.showDetail, { connectionId: 'c1', jobId: 'ftjob-1' });
    assert.equal(look.id, 'c/c1/j/ftjob-1');
  });

  it('a job without a suffix is labelled by its base model', () => {
    assert.equal(jobLabel(job('j', 'queued')), 'gpt-4o-mini-2024-07-18');
  });

  it('context values carry the status and the actions that apply, for the menus', () => {
    const running = jobContextValue(job('j', 'running'), OPENAI);
    assert.match(running, /^job:running,/);
    assert.match(running, /,cancel(,|$)/);
    assert.match(running, /,pause(,|$)/);
    assert.doesNotMatch(jobContextValue(job('j', 'running'), AZURE), /,pause(,|$)/);
    const succeeded = jobContextValue(
      job('j', 'succeeded', { fineTunedModel: 'ft:x', resultFiles: ['file-r'] }),
      OPENAI,
    );
    assert.match(succeeded, /^job:succeeded,.*openInPlayground/);
    assert.match(succeeded, /,copyModelId(,|$)/);
    assert.match(succeeded, /,downloadResults(,|$)/);
    assert.doesNotMatch(succeeded, /,cancel(,|$)/);
    // The menus' regex: the status is the part before the first comma, so `cancelled` never reads as the action.
    const menuCancel = /^job:[^,]*,(.*,)?cancel(,|$)/;
    assert.equal(menuCancel.test(jobContextValue(job('j', 'cancelled'), OPENAI)), false);
    assert.equal(menuCancel.test(running), true);
  });

  it('a status the SDK does not list is shown as it came, never crashes', () => {
    const odd = job('j', 'warming up', {});
    const model = modelWith(odd);
    const look = presentNode(model, { kind: 'job', connectionId: 'c1', jobId: 'j' }, NOW);
    assert.match(look.description ?? '', /^warming up · /);
    assert.equal(look.icon?.id, 'question');
    assert.match(look.contextValue, /^job:warming_up,/);
  });

  it('a succeeded Azure job’s tooltip says it must be deployed and names the model to copy', () => {
    const done = job('j', 'succeeded', { fineTunedModel: 'gpt-4o-mini.ft-abc' });
    const model = modelWith(done);
    model.setCapabilities('c1', AZURE);
    const tooltip = presentNode(model, { kind: 'job', connectionId: 'c1', jobId: 'j' }, NOW).tooltip ?? '';
    assert.match(tooltip, /Fine-tuned model: gpt-4o-mini\.ft-abc/);
    assert.match(tooltip, /Deploy it first/);
  });

  it('an OpenAI fine-tune’s tooltip gives its published shutdown date; a compatible server’s does not', () => {
    const done = job('j', 'succeeded', {
      model: 'gpt-4o-mini-2024-07-18',
      fineTunedModel: 'ft:gpt-4o-mini-2024-07-18:acme:support:abc',
    });
    const model = new JobsTreeModel();
    model.setConnections([
      { id: 'c1', name: 'OpenAI', kind: 'openai' },
      { id: 'c2', name: 'Local', kind: 'compatible' },
    ]);
    model.updateJobs('c1', [done]);
    model.updateJobs('c2', [done]);
    const tooltip = (id: string) =>
      presentNode(model, { kind: 'job', connectionId: id, jobId: 'j' }, NOW).tooltip ?? '';
    assert.match(tooltip('c1'), /This fine-tune of gpt-4o-mini-2024-07-18 shuts down on 2027-01-14/);
    assert.doesNotMatch(tooltip('c2'), /shut/);
  });

  it('a failed job’s tooltip has the error code, message and param verbatim', () => {
    const failed = job('j', 'failed', {
      error: { code: 'invalid_training_file', message: 'Line 3: <b>bad</b>', param: 'training_file' },
    });
    const tooltip = presentNode(modelWith(failed), { kind: 'job', connectionId: 'c1', jobId: 'j' }, NOW).tooltip ?? '';
    assert.match(tooltip, /Error: \[invalid_training_file\] Line 3: <b>bad<\/b> \(param: training_file\)/);
  });

  it('children: groups, events newest first (bounded), checkpoints with metrics, result files', () => {
    const model = modelWith(job('j', 'succeeded', { resultFiles: ['file-r'] }));
    const jobNode: JobsNode = { kind: 'job', connectionId: 'c1', jobId: 'j' };
    const [events, checkpoints, results] = model.children(jobNode);
    assert.deepEqual(
      model.children(events!).map((n) => n.kind),
      ['message'],
      'loading until read',
    );
    model.addEvents('c1', 'j', [event('e2', 2, 'second'), event('e1', 1, 'first')]);
    model.addEvents('c1', 'j', [event('e3', 3, 'third'), event('e2', 2, 'second')]);
    assert.deepEqual(
      model.children(events!).map((n) => (n.kind === 'event' ? n.event.id : n.kind)),
      ['e3', 'e2', 'e1'],
    );
    model.addEvents(
      'c1',
      'j',
      Array.from({ length: MAX_EVENTS_PER_JOB + 5 }, (_, i) => event(`x${i}`, 10 + i, 'm')),
    );
    assert.equal(model.children(events!).length, MAX_EVENTS_PER_JOB);
    model.setCheckpoints('c1', 'j', [
      {
        id: 'k',
        createdAt: 1,
        step: 50,
        model: 'ft:x:ckpt-step-50',
        metrics: { step: 50, trainLoss: 0.4123, validLoss: 0.5, fullValidMeanTokenAccuracy: 0.871 },
      },
    ]);
    const [checkpoint] = model.children(checkpoints!);
    const look = presentNode(model, checkpoint!, NOW);
    assert.equal(look.label, 'Step 50');
    assert.equal(look.description, 'train loss 0.412 · valid loss 0.500 · accuracy 87.1%');
    assert.equal(look.contextValue, 'checkpoint');
    const [file] = model.children(results!);
    assert.equal(presentNode(model, file!, NOW).contextValue, 'resultFile');
  });

  it('a failure to read more events is shown above the events read before', () => {
    const model = modelWith(job('j', 'running'));
    const events: JobsNode = { kind: 'group', connectionId: 'c1', jobId: 'j', group: 'events' };
    model.setDetailsError('c1', 'j', 'Could not read the job’s events and checkpoints: timeout');
    assert.deepEqual(
      model.children(events).map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['Could not read the job’s events and checkpoints: timeout'],
    );
    model.addEvents('c1', 'j', [event('e1', 1, 'first')]);
    model.setDetailsError('c1', 'j', 'Could not read the job’s events and checkpoints: 502');
    assert.deepEqual(
      model.children(events).map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['Could not read the job’s events and checkpoints: 502', 'event'],
    );
    model.addEvents('c1', 'j', [event('e2', 2, 'second')]);
    assert.deepEqual(
      model.children(events).map((n) => n.kind),
      ['event', 'event'],
    );
  });

  it('a connection shows loading, then its jobs or “no jobs”, and an error above its jobs', () => {
    const model = new JobsTreeModel();
    model.setConnections([{ id: 'c1', name: 'Local' }]);
    const root: JobsNode = { kind: 'connection', connectionId: 'c1' };
    const texts = () => model.children(root).map((n) => (n.kind === 'message' ? n.text : n.kind));
    assert.deepEqual(texts(), ['Loading jobs…']);
    model.updateJobs('c1', []);
    assert.deepEqual(texts(), ['No fine-tuning jobs yet.']);
    model.updateJobs('c1', [job('j', 'running')]);
    model.setError('c1', 'Could not read the fine-tuning jobs: timeout');
    assert.deepEqual(texts(), ['Could not read the fine-tuning jobs: timeout', 'job']);
    assert.equal(presentNode(model, root, NOW).description, '1 running');
  });

  it('fires one change per update and keeps entries of connections still listed', () => {
    const model = modelWith(job('j', 'running'));
    let changes = 0;
    const subscription = model.onDidChange(() => changes++);
    model.setConnections([
      { id: 'c1', name: 'Renamed' },
      { id: 'c2', name: 'Other' },
    ]);
    assert.equal(changes, 1);
    assert.equal(model.entry('c1', 'j')?.job.status, 'running');
    assert.equal(model.connection('c1')?.name, 'Renamed');
    subscription.dispose();
    model.updateJobs('c1', []);
    assert.equal(changes, 1);
  });

  it('times: ages relative to now, timestamps in UTC', () => {
    assert.equal(ageText(NOW - 30, NOW), 'just now');
    assert.equal(ageText(NOW - 7_500, NOW), '2 h 5 min ago');
    assert.equal(ageText(NOW + 100, NOW), 'just now');
    assert.equal(timestampText(0), '1970-01-01 00:00:00 UTC');
  });
});
