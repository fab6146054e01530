// Fine-tuning jobs in the real VS Code UI, against a simulator this file starts: the upload's consent, the guided
// create flow, the Jobs view, the job detail's chart, the end-of-job notifications, cancel, and a refused creation.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/server';
import { removeConnection } from './connectionSteps';
import { addConnection, createThroughSteps, openJobDetail, UI_TIMEOUT } from './jobSteps';
import { page, workspaceFolder } from './session';
import {
  activeWebview,
  answerDialog,
  openFromExplorer,
  pickExactRow,
  runCommand,
  showExplorer,
  until,
  waitForActiveTab,
} from './workbench';

const NAME = 'E2E fine-tuning flow';
const TRAINING = 'e2e-jobs-train.jsonl';
const VALIDATION = 'e2e-jobs-valid.jsonl';
/** A job runs about 26 steps of JOB_STEP_MS: slow enough to see it running and its chart grow. */
const JOB_STEP_MS = 1_000;
const JOB_TIMEOUT = 90_000;

function chatLines(count: number, topic: string): string {
  return Array.from(
    { length: count },
    (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'system', content: 'You are a friendly support agent.' },
          { role: 'user', content: `${topic} question number ${i}: where is my parcel?` },
          { role: 'assistant', content: `Parcel ${i} (${topic}) leaves the warehouse tomorrow morning.` },
        ],
      }) + '\n',
  ).join('');
}

/** Shows the Jobs view (the Fine-Tuning container's only view) in the side bar. */
async function showJobsView(): Promise<void> {
  await runCommand(page(), 'Fine-Tuning: Focus on Jobs View');
}

/** The row of a job in the Jobs view, found by its suffix (a job's label). */
function jobRow(suffix: string) {
  return page().locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: suffix }).first();
}

function uploadRequests(simulator: Simulator) {
  return simulator.requests.filter(
    (request) => request.method === 'POST' && (request.path === '/v1/files' || request.path.startsWith('/v1/uploads')),
  );
}

function createRequests(simulator: Simulator) {
  return simulator.requests.filter((request) => request.method === 'POST' && request.path === '/v1/fine_tuning/jobs');
}

describe('fine-tuning jobs in the VS Code UI', () => {
  let simulator: Simulator;
  let host: string;

  before(async () => {
    simulator = await startSimulator({ jobStepMs: JOB_STEP_MS });
    host = new URL(simulator.url).host;
    writeFileSync(join(workspaceFolder(), TRAINING), chatLines(12, 'Training'));
    writeFileSync(join(workspaceFolder(), VALIDATION), chatLines(10, 'Validation'));
    await addConnection(NAME, simulator.url);
  });
  after(async () => {
    // Later files find "the active webview" and the notifications: leave nothing of ours behind.
    await page().keyboard.press('Escape');
    await runCommand(page(), 'View: Close All Editors');
    await runCommand(page(), 'Notifications: Clear All Notifications');
    await removeConnection(NAME);
    await showExplorer(page());
    await simulator.close();
  });

  it('sends nothing when the upload confirmation is declined', async () => {
    await openFromExplorer(page(), TRAINING);
    await runCommand(page(), 'Fine-Tune: Upload Training File…');
    await page()
      .locator('.quick-input-widget input[placeholder="Upload to which connection?"]')
      .waitFor({ timeout: UI_TIMEOUT });
    await pickExactRow(page(), NAME, NAME);
    const consent = await answerDialog(page(), `Upload ${TRAINING} to ${host}?`, 'Cancel');
    assert.match(consent, /Examples: 12/);
    assert.match(consent, new RegExp(`Destination: ${host.replace(/\./g, '\\.')} \\(connection “${NAME}”\\)`));
    assert.deepEqual(uploadRequests(simulator), [], 'no file reached the server');
    await runCommand(page(), 'View: Close All Editors');
  });

  it('uploads with consent, creates a job through the guided steps, watches it run and opens the result in the playground', async () => {
    await createThroughSteps({
      connection: NAME,
      training: TRAINING,
      model: 'sim-chat',
      validation: VALIDATION,
      suffix: 'e2e-flow',
    });
    // Each local file is validated, then confirmed before it leaves the machine.
    assert.match(await answerDialog(page(), `Upload ${TRAINING} to ${host}?`, 'Upload'), /Examples: 12/);
    assert.match(await answerDialog(page(), `Upload ${VALIDATION} to ${host}?`, 'Upload'), /Examples: 10/);
    const summary = await answerDialog(page(), `Create a fine-tuning job of sim-chat on ${host}?`, 'Create Job');
    assert.match(summary, /Base model: sim-chat/);
    assert.match(summary, new RegExp(`Training file: ${TRAINING.replace(/\./g, '\\.')}`));
    assert.match(summary, new RegExp(`Validation file: ${VALIDATION.replace(/\./g, '\\.')}`));
    assert.match(summary, /Suffix: e2e-flow/);
    assert.equal(uploadRequests(simulator).length, 2);

    // The Jobs view lists the new job, unfinished, then running.
    await showJobsView();
    const row = jobRow('e2e-flow');
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.innerText(), /Validating files|Queued|Running/);
    assert.equal(createRequests(simulator).length, 1);
    await page()
      .locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: /e2e-flow[\s\S]*Running/ })
      .waitFor({ timeout: UI_TIMEOUT });

    // A click opens the detail; its chart gains steps while the job runs, with validation loss.
    await openJobDetail(row, page().locator('.tabs-container .tab.active', { hasText: 'Job e2e-flow' }));
    const detail = activeWebview(page());
    const plot = detail.locator('.plot');
    await plot.locator('canvas').waitFor({ timeout: UI_TIMEOUT });
    const steps = async () => Number(/by step, (\d+) steps/.exec((await plot.getAttribute('aria-label')) ?? '')?.[1]);
    const early = await steps();
    assert.ok(early >= 1, `the chart has points (${early})`);
    assert.match((await plot.getAttribute('aria-label')) ?? '', /Valid loss \d/);
    await detail
      .locator(`.plot[aria-label*="by step, "]:not([aria-label*="by step, ${early} steps"])`)
      .waitFor({ timeout: UI_TIMEOUT });
    assert.ok((await steps()) > early, 'more points were drawn as metrics arrived');

    await detail.locator('table[aria-label="Job"] .status', { hasText: 'Succeeded' }).waitFor({ timeout: JOB_TIMEOUT });
    // The playground must be the only webview left, to be "the active webview".
    await runCommand(page(), 'View: Close All Editors');
    const toast = page().locator('.notification-toast', { hasText: /Fine-tune “e2e-flow” \(ftjob-[^)]+\) succeeded/ });
    await toast.waitFor({ timeout: JOB_TIMEOUT });
    const fineTuned = /succeeded: (ft:sim-chat:\S+)/.exec(await toast.innerText())?.[1];
    assert.ok(fineTuned?.includes('e2e-flow'), `the notification names the fine-tuned model (${fineTuned})`);
    await toast.getByRole('button', { name: 'Open in Playground' }).click();

    await waitForActiveTab(page(), 'Playground');
    const playground = activeWebview(page());
    const second = playground.getByLabel('Column 2 model');
    await second.waitFor({ timeout: UI_TIMEOUT });
    // The pair is shown once the page has listed the models.
    await until(async () => (await second.inputValue()) === fineTuned, 'column 2 shows the fine-tuned model');
    assert.equal(await playground.getByLabel('Column 1 model').inputValue(), 'sim-chat');
    await runCommand(page(), 'View: Close All Editors');
  });

  it('shows why a job failed, from its notification', async () => {
    await createThroughSteps({
      connection: NAME,
      training: TRAINING,
      model: 'sim-chat',
      trainingUploaded: true,
      suffix: 'e2e-fault-fail',
    });
    await answerDialog(page(), `Create a fine-tuning job of sim-chat on ${host}?`, 'Create Job');
    const toast = page().locator('.notification-toast', { hasText: /Fine-tune “e2e-fault-fail” .* failed/ });
    await toast.waitFor({ timeout: JOB_TIMEOUT });
    await toast.getByRole('button', { name: 'Show Error' }).click();
    const error = await answerDialog(page(), 'Fine-tune “e2e-fault-fail”', 'OK');
    assert.match(error, /Code: invalid_training_file/);
    assert.match(error, /Param: training_file/);
    await showJobsView();
    await page()
      .locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: /e2e-fault-fail[\s\S]*Failed/ })
      .waitFor({ timeout: UI_TIMEOUT });
  });

  it('cancels a running job from the Jobs view after a confirmation', async () => {
    await createThroughSteps({
      connection: NAME,
      training: TRAINING,
      model: 'sim-chat',
      trainingUploaded: true,
      suffix: 'e2e-cancel',
    });
    await answerDialog(page(), `Create a fine-tuning job of sim-chat on ${host}?`, 'Create Job');
    await showJobsView();
    const row = jobRow('e2e-cancel');
    await row.waitFor({ timeout: UI_TIMEOUT });
    // The running job's inline action (its context menu has the same command).
    await row.hover();
    await row.locator('.action-label[aria-label^="Cancel Job"]').click();
    const question = await answerDialog(page(), 'Cancel fine-tune “e2e-cancel”', 'Cancel Job');
    assert.match(question, /cannot be resumed/);
    await page()
      .locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: /e2e-cancel[\s\S]*Cancelled/ })
      .waitFor({ timeout: UI_TIMEOUT });
    const cancels = simulator.requests.filter((request) => request.path.endsWith('/cancel'));
    assert.equal(cancels.length, 1);
  });

  it('explains a refused creation and the alternatives', async () => {
    const before = createRequests(simulator).length;
    await createThroughSteps({
      connection: NAME,
      training: TRAINING,
      model: 'fault-refuse',
      trainingUploaded: true,
      suffix: 'e2e-refused',
    });
    await answerDialog(page(), `Create a fine-tuning job of fault-refuse on ${host}?`, 'Create Job');
    const explanation = page().locator('.monaco-dialog-box', { hasText: 'Could not create the job' });
    await explanation.waitFor({ timeout: UI_TIMEOUT });
    const text = await explanation.innerText();
    assert.match(text, /fine-tuning is not available to this organisation/);
    assert.match(text, /Azure OpenAI/);
    await explanation.getByRole('button', { name: 'Add Azure OpenAI Connection…' }).waitFor();
    await explanation.getByRole('button', { name: 'Export Dataset As…' }).waitFor();
    await page().keyboard.press('Escape');
    await explanation.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    assert.equal(createRequests(simulator).length, before + 1, 'one create request, not retried');
  });
});
