import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { Connection } from '../../src/core/connections';
import type { FineTuneJob, JobStatus } from '../../src/core/jobs/job';
import type { CreateJobRequest, FineTuneProvider } from '../../src/core/jobs/provider';
import { createProvider } from '../../src/core/jobs/providers';
import { JobsTreeModel, type JobsNode } from '../../src/jobs/tree/jobsTreeModel';
import { presentNode } from '../../src/jobs/tree/nodePresentation';
import { JobsWatcher } from '../../src/jobs/watch/jobsWatcher';
import { WatchedJobs, type WatchedJobsMemento } from '../../src/jobs/watch/watchedJobs';
import { activateExtension, waitForTab } from './harness';

const ID = 'it-jobs-simulator';

/** The extension's tree model (the refresh command resolves with it, for tests). */
const treeModel = () => vscode.commands.executeCommand<JobsTreeModel>('fineTuneStudio.jobs.refresh');

/** Resolves once `accept` holds for the model, checked on each of its change events (no sleeps). */
function waitForModel(model: JobsTreeModel, accept: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept()) return resolve();
    const subscription = model.onDidChange(() => {
      if (!accept()) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the jobs tree did not show ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Every status the model showed for a job, in order, without repeats. */
function recordStatuses(model: JobsTreeModel, jobId: string): { statuses: JobStatus[]; stop(): void } {
  const statuses: JobStatus[] = [];
  const note = () => {
    const status = model.entry(ID, jobId)?.job.status;
    if (status !== undefined && statuses.at(-1) !== status) statuses.push(status);
  };
  const subscription = model.onDidChange(note);
  note();
  return { statuses, stop: () => subscription.dispose() };
}

const statusOf = (model: JobsTreeModel, jobId: string) => model.entry(ID, jobId)?.job.status;

describe('jobs view (against the simulator)', function () {
  this.timeout(90_000);
  let simulator: Simulator;
  let provider: FineTuneProvider;
  let model: JobsTreeModel;
  let trainingFile: string;
  let scratch: string;

  const createJob = async (extra: Partial<CreateJobRequest> = {}): Promise<FineTuneJob> =>
    provider.create(
      {
        model: 'sim-chat',
        trainingFile,
        method: 'supervised',
        hyperparameters: { nEpochs: 2 },
        metadata: {},
        ...extra,
      },
      AbortSignal.timeout(10_000),
    );

  before(async () => {
    await activateExtension();
    // A step a second: each status lasts long enough for a focused poll (every 5 s) to see it while training runs.
    simulator = await startSimulator({ jobStepMs: 1_000, maxStepsPerEpoch: 4 });
    const connection: Connection = { id: ID, kind: 'compatible', name: 'Jobs simulator', baseUrl: simulator.url };
    await vscode.commands.executeCommand('fineTuneStudio.addConnection', connection);
    provider = createProvider(connection, new OpenAI({ baseURL: simulator.url, apiKey: 'unused', maxRetries: 0 }));
    scratch = await mkdtemp(path.join(tmpdir(), 'ft-jobs-'));
    // A clean dataset (the examples folder's files hold mistakes on purpose, for the diagnostics).
    const dataset = path.join(scratch, 'train.jsonl');
    const example = (question: string) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: question },
          { role: 'assistant', content: `An answer to: ${question}` },
        ],
      });
    await writeFile(dataset, Array.from({ length: 12 }, (_, i) => example(`Question ${i + 1}?`)).join('\n') + '\n');
    const uploaded = await provider.upload(
      { path: dataset, filename: 'train.jsonl', bytes: (await stat(dataset)).size },
      { signal: AbortSignal.timeout(10_000) },
    );
    trainingFile = uploaded.id;
    model = await treeModel();
    await waitForModel(model, () => model.connection(ID)?.loaded === true, 'the new connection’s (empty) job list');
  });

  after(async () => {
    await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await simulator.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lists the connection with no jobs yet', () => {
    assert.ok(model.roots().some((node) => node.connectionId === ID));
    const children = model.children({ kind: 'connection', connectionId: ID });
    assert.deepEqual(
      children.map((node) => (node.kind === 'message' ? node.text : node.kind)),
      ['No fine-tuning jobs yet.'],
    );
  });

  it('a watched job appears under its connection, goes queued → running → succeeded, with events, checkpoints and a result file', async () => {
    const job = await createJob({ suffix: 'it-watch' });
    const seen = recordStatuses(model, job.id);
    try {
      const returned = await vscode.commands.executeCommand<JobsTreeModel>('fineTuneStudio.jobs.watch', {
        connectionId: ID,
        jobId: job.id,
      });
      assert.equal(returned, model);
      const jobNode: JobsNode = { kind: 'job', connectionId: ID, jobId: job.id };
      assert.deepEqual(
        model.children({ kind: 'connection', connectionId: ID }).filter((node) => node.kind === 'job'),
        [jobNode],
      );
      const look = presentNode(model, jobNode, Date.now() / 1000);
      // The suffix, once the provider knows it (OpenAI names it only in the fine-tuned model), else the base model.
      assert.ok(['it-watch', 'sim-chat'].includes(look.label), look.label);
      assert.match(look.contextValue, /^job:(validating_files|queued|running),.*cancel/);

      await waitForModel(model, () => statusOf(model, job.id) === 'succeeded', 'the job succeeded');
      // The poll that saw it go on to read its last events and checkpoints: a refresh runs after it ends.
      await treeModel();
      assert.ok(seen.statuses.includes('running'), `statuses seen: ${seen.statuses.join(' → ')}`);
      assert.ok(
        seen.statuses.indexOf('running') >
          Math.max(seen.statuses.indexOf('queued'), seen.statuses.indexOf('validating_files')),
        `statuses seen: ${seen.statuses.join(' → ')}`,
      );
      assert.equal(seen.statuses.at(-1), 'succeeded');
    } finally {
      seen.stop();
    }

    const entry = model.entry(ID, job.id)!;
    assert.match(entry.job.fineTunedModel ?? '', /^ft:sim-chat:/);
    assert.equal(
      presentNode(model, { kind: 'job', connectionId: ID, jobId: job.id }, Date.now() / 1000).label,
      'it-watch',
    );
    const [events, checkpoints, results] = model.children({ kind: 'job', connectionId: ID, jobId: job.id });
    const eventNodes = model.children(events!);
    assert.ok(eventNodes.length > 3, `events: ${eventNodes.length}`);
    const times = eventNodes.map((node) => (node.kind === 'event' ? node.event.createdAt : NaN));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    const checkpointChildren = model.children(checkpoints!);
    const checkpointNodes = checkpointChildren.filter((node) => node.kind === 'checkpoint');
    assert.ok(checkpointNodes.length > 0, `checkpoints shown: ${JSON.stringify(checkpointChildren)}`);
    const checkpointLook = presentNode(model, checkpointNodes[0]!, Date.now() / 1000);
    assert.match(checkpointLook.description ?? '', /train loss \d/);

    const resultNodes = model.children(results!);
    const resultFile = resultNodes[0];
    assert.equal(resultFile?.kind, 'resultFile');
    const target = path.join(scratch, 'result.csv');
    const saved = await vscode.commands.executeCommand<string>('fineTuneStudio.jobs.downloadResultFile', {
      ...resultFile,
      saveTo: target,
    });
    assert.equal(saved, target);
    const expected = await provider.fileContent(entry.job.resultFiles[0]!, AbortSignal.timeout(10_000));
    assert.deepEqual(new Uint8Array(await readFile(target)), expected);
    assert.match(Buffer.from(expected).toString('utf8'), /^step,train_loss/);
  });

  it('opens the fine-tuned model beside its base model in the playground', async () => {
    const job = model.allJobs().find((entry) => entry.job.status === 'succeeded')!.job;
    const opened = waitForTab('Playground');
    const pair = await vscode.commands.executeCommand<{ base: string; fineTuned: string }>(
      'fineTuneStudio.jobs.openInPlayground',
      { connectionId: ID, jobId: job.id },
    );
    assert.deepEqual(pair, { base: 'sim-chat', fineTuned: job.fineTunedModel });
    await opened;
  });

  it('reruns a job with the same configuration (a new request tag)', async () => {
    const job = model.allJobs().find((entry) => entry.job.status === 'succeeded')!.job;
    const created = await vscode.commands.executeCommand<FineTuneJob>('fineTuneStudio.jobs.rerun', {
      connectionId: ID,
      jobId: job.id,
    });
    assert.ok(created !== undefined && created.id !== job.id);
    const body = simulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').at(-1)
      ?.body as { model: string; suffix: string; training_file: string; metadata: Record<string, string> };
    assert.equal(body.model, 'sim-chat');
    assert.equal(body.suffix, 'it-watch');
    assert.equal(body.training_file, trainingFile);
    assert.match(body.metadata.fts_request ?? '', /^req_/);
    assert.ok(model.entry(ID, created.id), 'the rerun is watched and shown');
    await vscode.commands.executeCommand('fineTuneStudio.jobs.cancel', {
      connectionId: ID,
      jobId: created.id,
      confirm: true,
    });
  });

  it('cancels a running job (confirmed) and shows it cancelled', async () => {
    const job = await createJob({ suffix: 'it-cancel', hyperparameters: { nEpochs: 10 } });
    await vscode.commands.executeCommand('fineTuneStudio.jobs.watch', { connectionId: ID, jobId: job.id });
    const cancelled = await vscode.commands.executeCommand<FineTuneJob>('fineTuneStudio.jobs.cancel', {
      connectionId: ID,
      jobId: job.id,
      confirm: true,
    });
    assert.ok(['cancelling', 'cancelled'].includes(cancelled.status), cancelled.status);
    await waitForModel(model, () => statusOf(model, job.id) === 'cancelled', 'the job cancelled');
    const look = presentNode(model, { kind: 'job', connectionId: ID, jobId: job.id }, Date.now() / 1000);
    assert.match(look.contextValue, /^job:cancelled,/);
    assert.doesNotMatch(look.contextValue, /,cancel(,|$)/);
  });

  it('a failed job shows its error verbatim', async () => {
    const job = await createJob({ suffix: 'fault-fail', hyperparameters: { nEpochs: 1 } });
    await vscode.commands.executeCommand('fineTuneStudio.jobs.watch', { connectionId: ID, jobId: job.id });
    await waitForModel(model, () => statusOf(model, job.id) === 'failed', 'the job failed');
    const error = model.entry(ID, job.id)!.job.error!;
    assert.match(error.message, /simulated failure: suffix fault-fail/);
    const tooltip = presentNode(model, { kind: 'job', connectionId: ID, jobId: job.id }, Date.now() / 1000).tooltip;
    assert.ok(tooltip?.includes(error.message));
  });

  it('watched jobs are restored from storage: one that ended meanwhile is announced once', async () => {
    const values = new Map<string, unknown>();
    const storage: WatchedJobsMemento = {
      get: (key) => values.get(key),
      update: (key, value) => {
        values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
        return Promise.resolve();
      },
    };
    const ended: FineTuneJob[] = [];
    const session = () => {
      const sessionModel = new JobsTreeModel();
      const watcher = new JobsWatcher({
        model: sessionModel,
        watched: new WatchedJobs(storage),
        providerFor: () => Promise.resolve(provider),
        latestStep: () => undefined,
        onWatchedJobEnded: (_connectionId, job) => ended.push(job),
      });
      watcher.setConnections([{ id: ID, name: 'Jobs simulator' }]);
      return { sessionModel, watcher };
    };
    const job = await createJob({ suffix: 'it-restore', hyperparameters: { nEpochs: 10 } });
    const first = session();
    await first.watcher.watch(ID, job.id);
    first.watcher.dispose();
    // The job ends while no window watches it.
    await provider.cancel(job.id, AbortSignal.timeout(10_000));

    const second = session();
    // The poll that setConnections started for the new connection; refresh resolves when it is done.
    await second.watcher.refresh(ID);
    second.watcher.dispose();
    assert.deepEqual(
      ended.map((j) => [j.id, j.status]),
      [[job.id, 'cancelled']],
    );
    assert.equal(second.sessionModel.entry(ID, job.id)?.job.status, 'cancelled');
  });
});
