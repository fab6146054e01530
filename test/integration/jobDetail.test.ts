import * as assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { JobDetailPanel, SentToWebview } from '../../src/jobs/detail';
import { activateExtension, waitForTab } from './harness';

const ID = 'it-job-detail-simulator';

const show = (jobId: string) =>
  vscode.commands.executeCommand<JobDetailPanel | undefined>('fineTuneStudio.jobs.showDetail', {
    connectionId: ID,
    jobId,
  });

const trainingLines = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Where is my order ${i}?` },
      { role: 'assistant', content: `Order ${i} ships tomorrow.` },
    ],
  }),
).join('\n');

/**
 * Resolves with what the panel sent its webview once `accept` holds, pressing the page's Refresh (the `refresh`
 * request, exactly as the webview sends it) every 150 ms so the test does not wait for the 3 s poll. Calls `observe`
 * after every message to the webview.
 */
async function until(
  panel: JobDetailPanel,
  accept: (sent: SentToWebview) => boolean,
  observe: (sent: SentToWebview) => void = () => undefined,
  timeoutMs = 40_000,
): Promise<SentToWebview> {
  const subscription = panel.onDidSend(observe);
  const deadline = Date.now() + timeoutMs;
  try {
    while (!accept(panel.sent)) {
      if (Date.now() > deadline)
        throw new Error(`the panel did not get there in ${timeoutMs} ms; last sent: ${JSON.stringify(panel.sent)}`);
      await panel.handlers.refresh(null, { signal: new AbortController().signal, stream: () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return panel.sent;
  } finally {
    subscription.dispose();
  }
}

const finished = (sent: SentToWebview) => sent.detail?.unfinished === false;

describe('job detail', () => {
  let simulator: Simulator;
  let client: OpenAI;
  let trainingFile: string;

  async function createJob(suffix: string): Promise<string> {
    const job = await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: trainingFile,
      validation_file: trainingFile,
      suffix,
    });
    return job.id;
  }

  before(async () => {
    await activateExtension();
    simulator = await startSimulator({ jobStepMs: 60 });
    client = new OpenAI({ baseURL: simulator.url, apiKey: 'sk-test-not-used', maxRetries: 0 });
    const file = await client.files.create({
      file: await toFile(Buffer.from(trainingLines), 'support.jsonl'),
      purpose: 'fine-tune',
    });
    trainingFile = file.id;
    await vscode.commands.executeCommand('fineTuneStudio.addConnection', {
      id: ID,
      kind: 'compatible',
      name: 'Job detail simulator',
      baseUrl: simulator.url,
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await simulator.close();
  });

  it('opens one panel per job, titled by its suffix, revealed when shown again', async () => {
    const jobId = await createJob('detail-title');
    const opened = waitForTab('Job detail-title');
    const panel = await show(jobId);
    assert.ok(panel);
    assert.ok((await opened).input instanceof vscode.TabInputWebview);
    assert.equal(await show(jobId), panel, 'the same panel');
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.label === 'Job detail-title');
    assert.equal(tabs.length, 1);
    const other = await show(await createJob('detail-other'));
    assert.notEqual(other, panel, 'another job, another panel');
  });

  it('streams metrics to the webview as the job runs, then the result CSV, and stops at succeeded', async () => {
    const jobId = await createJob('detail-live');
    const panel = await show(jobId);
    assert.ok(panel);
    // How many steps the webview had each time new metrics reached it while the job was running.
    const whileRunning = new Set<number>();
    const sent = await until(panel, finished, (now) => {
      if (now.detail?.job.status === 'running' && now.metrics.length > 0) whileRunning.add(now.metrics.length);
    });
    assert.ok(whileRunning.size >= 2, `metrics arrived in ${whileRunning.size} batches while running`);
    const detail = sent.detail!;
    assert.equal(detail.job.status, 'succeeded');
    assert.equal(detail.statusLabel, 'Succeeded');
    assert.match(detail.job.fineTunedModel ?? '', /^ft:sim-chat:/);
    assert.equal(detail.connectionName, 'Job detail simulator');
    const steps = sent.metrics.map((m) => m.step);
    assert.deepEqual(
      steps,
      Array.from({ length: steps.length }, (_, i) => i + 1),
      'every step once, in order',
    );
    assert.equal(detail.totalSteps, steps.length);
    // train_accuracy is a column of the result CSV only: its presence shows the CSV was read and merged.
    assert.ok(
      sent.metrics.every((m) => m.trainLoss !== undefined && m.trainMeanTokenAccuracy !== undefined),
      'train loss and accuracy at every step',
    );
    assert.ok(detail.checkpoints.length > 0, 'checkpoints listed');
    assert.equal(detail.warning, undefined, 'a healthy run has no overfitting warning');
    assert.equal(panel.sent.failed, undefined);
    assert.ok(!JSON.stringify(sent).includes('sk-test'), 'no key reaches the webview');
  });

  it('warns about overfitting, naming the checkpoint with the lowest validation loss', async () => {
    const panel = await show(await createJob('overfit'));
    assert.ok(panel);
    const { detail } = await until(panel, (sent) => finished(sent) && sent.detail?.warning !== undefined);
    const warning = detail!.warning!;
    const best = warning.bestCheckpoint;
    assert.ok(best, warning.message);
    const lowest = Math.min(
      ...detail!.checkpoints.map((c) => c.metrics.fullValidLoss ?? c.metrics.validLoss ?? Infinity),
    );
    assert.equal(best.validLoss, lowest);
    assert.ok(warning.message.includes(best.model), warning.message);
    assert.match(warning.message, /validation loss has risen \d+% since step \d+ while training loss kept falling/);
  });

  it('shows the error of a failed job verbatim', async () => {
    const jobId = await createJob('fault-fail');
    const panel = await show(jobId);
    assert.ok(panel);
    const { detail } = await until(panel, finished);
    assert.equal(detail!.job.status, 'failed');
    const { error } = await client.fineTuning.jobs.retrieve(jobId);
    assert.ok(error);
    assert.equal(detail!.job.error?.message, error.message);
    assert.equal(detail!.job.error?.code, error.code);
    assert.equal(detail!.job.error?.param ?? null, error.param ?? null);
  });

  it('says why when the job cannot be read, and refuses a call without ids', async () => {
    const panel = await show('ftjob-does-not-exist');
    assert.ok(panel);
    const sent = await until(panel, (now) => now.failed !== undefined);
    assert.match(sent.failed!, /^Could not read the job ftjob-does-not-exist: /);
    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.jobs.showDetail', {}), undefined);
    assert.equal(
      await vscode.commands.executeCommand('fineTuneStudio.jobs.showDetail', { connectionId: ID, jobId: 7 }),
      undefined,
    );
  });
});
