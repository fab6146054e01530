import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { startSimulator, type Simulator } from '../../simulator/server';
import { PROJECT_ROOT } from '../rig/codeServerInstall';
import { removeConnection } from './connectionSteps';
import { openJobDetail } from './jobSteps';
import { page } from './session';
import { activeWebview, answerQuickInput, runCommand, waitForNotification } from './workbench';

const NAME = 'E2E jobs simulator';
const SUFFIX = 'e2e-chart';

const trainingLines = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Where is my order ${i}?` },
      { role: 'assistant', content: `Order ${i} ships tomorrow.` },
    ],
  }),
).join('\n');

/** Waits until the quick input shows the step with this title, then answers it. */
async function answerStep(title: string, text: string, pickLabel?: string): Promise<void> {
  await page().locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  await answerQuickInput(page(), text, pickLabel);
}

describe('job detail in the VS Code UI', () => {
  let simulator: Simulator;

  before(async () => {
    // Slow steps: the job is still running when the panel opens, so the chart is seen growing.
    simulator = await startSimulator({ jobStepMs: 2_000 });
  });
  after(async () => {
    await runCommand(page(), 'View: Close All Editors');
    // Later tests pick models from every connection: leave no connection to a closed simulator behind.
    await removeConnection(NAME);
    await simulator.close();
  });

  it('opens a running job from the Jobs view; the chart and its table fill in as metrics arrive', async function () {
    this.timeout(180_000);
    // Run first on a fresh workbench, the extension may still be loading: wait for its view container.
    await page().locator('.activitybar .action-item a[aria-label^="Fine-Tuning"]').waitFor({ timeout: 120_000 });
    await runCommand(page(), 'Fine-Tune: Add Connection…');
    await answerStep('Add Connection', 'Other URL', 'Other URL…');
    await answerStep('Connection name', NAME);
    await answerStep('Base URL', simulator.url);
    await waitForNotification(page(), `Added ${NAME}`);

    await runCommand(page(), 'Fine-Tuning: Focus on Jobs View');
    await page().locator('.monaco-list-row', { hasText: NAME }).first().waitFor({ timeout: 30_000 });
    // Created only now, so it is still running when its panel opens.
    const client = new OpenAI({ baseURL: simulator.url, apiKey: 'sk-e2e-not-used', maxRetries: 0 });
    const file = await client.files.create({
      file: await toFile(Buffer.from(trainingLines), 'support.jsonl'),
      purpose: 'fine-tune',
    });
    await client.fineTuning.jobs.create({
      model: 'sim-chat',
      training_file: file.id,
      validation_file: file.id,
      suffix: SUFFIX,
    });
    await runCommand(page(), 'Fine-Tune: Refresh Jobs');
    // A job is listed by its suffix (from user_provided_suffix while it runs).
    const job = page().locator('.monaco-list-row', { hasText: SUFFIX }).first();
    await job.waitFor({ timeout: 30_000 });
    await openJobDetail(job, page().locator('.tabs-container .tab.active', { hasText: /^Job / }));

    const detail = activeWebview(page());
    await detail.locator('.plot canvas').waitFor({ timeout: 30_000 });
    await detail.locator('.data-table summary').click();
    const rows = detail.locator('.metrics-table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    const early = await rows.count();
    const status = detail.locator('table[aria-label="Job"] .status');
    assert.equal(await status.innerText(), 'Running');
    // More steps reach the open page while the job runs (the panel polls every 3 s).
    await detail.locator('.metrics-table tbody tr').nth(early).waitFor({ timeout: 30_000 });
    assert.ok((await rows.count()) > early);
    // The caption counts the steps; the table only grows, so it has at least that many rows when read after it.
    const caption = await detail.locator('.metrics-table caption').innerText();
    const counted = Number(/^Training metrics by step \((\d+) steps\)$/.exec(caption)?.[1]);
    assert.ok(counted > early, caption);
    assert.ok((await rows.count()) >= counted);
    assert.match(await detail.locator('.plot').getAttribute('aria-label').then(String), /by step, \d+ steps; at step/);
    // The keyboard reaches the chart and reads a step's values.
    await detail.locator('.plot').focus();
    await page().keyboard.press('Home');
    assert.match(await detail.locator('.cursor-values').innerText(), /^Step 1: Train loss \d/);
    await page().screenshot({ path: join(PROJECT_ROOT, 'test-results', 'job-detail.png') });
  });
});
