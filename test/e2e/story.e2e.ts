// The whole story the project grew from, in the real VS Code UI: a Twitter customer-support export (Kaggle twcs.csv
// columns) → Convert to Chat JSONL → diagnostics clean → upload → fine-tuning job → succeeded → the base and the
// fine-tuned model side by side in the playground, both answering one message.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/server';
import { removeConnection } from './connectionSteps';
import { addConnection, createThroughSteps, UI_TIMEOUT } from './jobSteps';
import { page, workspaceFolder } from './session';
import {
  activeWebview,
  answerDialog,
  answerQuickInput,
  openFromExplorer,
  runCommand,
  showExplorer,
  until,
  waitForActiveTab,
  waitForNotification,
} from './workbench';

const NAME = 'E2E story';
const CSV = 'e2e-twcs.csv';
const CHAT = 'e2e-twcs.chat.jsonl';
const THREADS = 12;

/** Twelve threads: a customer's tweet and the company's answer to it, in twcs.csv's columns. */
function twcsCsv(): string {
  const rows = ['tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id'];
  for (let i = 0; i < THREADS; i++) {
    const question = 2 * i + 1;
    const answer = question + 1;
    const when = `Tue Oct 31 ${String(10 + i).padStart(2, '0')}:00:00 +0000 2017`;
    rows.push(`${question},${1000 + i},True,${when},@AcmeSupport my order ${i} has not arrived yet,${answer},`);
    rows.push(
      `${answer},AcmeSupport,False,${when},@${1000 + i} Sorry about order ${i}! It ships tomorrow morning. ^AB,,${question}`,
    );
  }
  return rows.join('\n') + '\n';
}

/** Waits until the quick input shows the conversion step with this title, then answers it. */
async function answerConvertStep(step: string, text: string, pickLabel?: string): Promise<void> {
  await page()
    .locator('.quick-input-widget .quick-input-title', { hasText: `Convert to Chat JSONL: ${step}` })
    .waitFor({ timeout: UI_TIMEOUT });
  await answerQuickInput(page(), text, pickLabel);
}

describe('the whole story in the VS Code UI', () => {
  let simulator: Simulator;
  let host: string;

  before(async () => {
    simulator = await startSimulator({ jobStepMs: 300 });
    host = new URL(simulator.url).host;
    writeFileSync(join(workspaceFolder(), CSV), twcsCsv());
    await addConnection(NAME, simulator.url);
  });
  after(async () => {
    await runCommand(page(), 'View: Close All Editors');
    await runCommand(page(), 'Notifications: Clear All Notifications');
    await removeConnection(NAME);
    await showExplorer(page());
    await simulator.close();
  });

  it('converts a Twitter support export, fine-tunes on it and compares base and fine-tuned in the playground', async () => {
    await openFromExplorer(page(), CSV);
    await runCommand(page(), 'Fine-Tune: Convert to Chat JSONL…');
    await answerConvertStep('Source Format', 'Twitter', 'Twitter customer support threads');
    await answerConvertStep('Tweet Clean-up', '');
    await answerConvertStep('Companies', 'AcmeSupport');
    await answerConvertStep('System Prompt', 'You are {brand}, answering customers on Twitter.');
    await waitForActiveTab(page(), CHAT);
    await waitForNotification(page(), `Converted ${CSV}`);

    // Diagnostics ran on the new file (its counts are in the status bar) and found nothing.
    await page()
      .locator('#workbench\\.parts\\.statusbar', { hasText: `${THREADS} examples` })
      .waitFor({ timeout: UI_TIMEOUT });
    await page().keyboard.press('Control+Shift+M');
    const problems = page().locator('.markers-panel');
    await problems.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await problems.locator('.monaco-list-row', { hasText: CHAT }).count(), 0, 'no problems in the file');
    await page().keyboard.press('Control+Shift+M');

    await createThroughSteps({ connection: NAME, model: 'sim-chat', training: CHAT, suffix: 'e2e-story' });
    const consent = await answerDialog(page(), `Upload ${CHAT} to ${host}?`, 'Upload');
    assert.match(consent, new RegExp(`Examples: ${THREADS}`));
    await answerDialog(page(), `Create a fine-tuning job of sim-chat on ${host}?`, 'Create Job');

    const toast = page().locator('.notification-toast', { hasText: /Fine-tune “e2e-story” \(ftjob-[^)]+\) succeeded/ });
    await toast.waitFor({ timeout: 90_000 });
    const fineTuned = /succeeded: (ft:sim-chat:\S+)/.exec(await toast.innerText())?.[1];
    assert.ok(fineTuned !== undefined, 'the notification names the fine-tuned model');
    // The playground must be the only webview, to be "the active webview".
    await runCommand(page(), 'View: Close All Editors');
    await toast.getByRole('button', { name: 'Open in Playground' }).click();

    await waitForActiveTab(page(), 'Playground');
    const playground = activeWebview(page());
    const second = playground.getByLabel('Column 2 model');
    await second.waitFor({ timeout: UI_TIMEOUT });
    await until(async () => (await second.inputValue()) === fineTuned, 'column 2 shows the fine-tuned model');
    assert.equal(await playground.getByLabel('Column 1 model').inputValue(), 'sim-chat');

    const prompt = playground.getByLabel('Message to send to every column');
    await prompt.fill('Where is my order?');
    await prompt.press('Enter');
    for (const [column, reply] of [
      ['Column 1', /^Simulated reply to: Where is my order\?/],
      ['Column 2', /^\[fine-tuned\] Simulated reply to: Where is my order\?/],
    ] as const) {
      const message = playground.locator(`section[aria-label="${column}"] .message.assistant.done`);
      await message.waitFor({ timeout: UI_TIMEOUT });
      assert.match(await message.innerText(), reply);
    }
    const sent = simulator.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.deepEqual(sent.map((request) => (request.body as { model?: string }).model).sort(), [fineTuned, 'sim-chat']);
  });
});
