import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/server';
import { page } from './session';
import { activeWebview, answerQuickInput, runCommand, waitForActiveTab, waitForNotification } from './workbench';

const NAME = 'E2E simulator';

/** Waits until the quick input shows the step with this title, then answers it (see `answerQuickInput`). */
async function answerStep(title: string, text: string, pickLabel?: string): Promise<void> {
  await page().locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  await answerQuickInput(page(), text, pickLabel);
}

describe('playground in the VS Code UI', () => {
  let simulator: Simulator;

  before(async () => {
    simulator = await startSimulator();
  });
  after(async () => {
    // Later tests find "the active webview": leave none of ours behind.
    await runCommand(page(), 'View: Close All Editors');
    await simulator.close();
  });

  it('adds a connection to the simulator, opens the playground, sends a message and shows the streamed reply', async () => {
    await runCommand(page(), 'Fine-Tune: Add Connection…');
    await answerStep('Add Connection', 'Other URL', 'Other URL…');
    await answerStep('Connection name', NAME);
    await answerStep('Base URL', simulator.url);
    await waitForNotification(page(), `Added ${NAME}`);

    await runCommand(page(), 'Fine-Tune: Open Playground');
    await waitForActiveTab(page(), 'Playground');
    const playground = activeWebview(page());
    // The picker lists the connection once its models arrived; then the column has a connection and a model.
    await playground
      .locator('select.connection option', { hasText: NAME })
      .waitFor({ state: 'attached', timeout: 30_000 });
    await playground.getByLabel('Column 1 model').fill('sim-chat');
    const prompt = playground.getByLabel('Message to send to every column');
    await prompt.fill('Hello from Chromium');
    await prompt.press('Enter');

    const reply = playground.locator('.message.assistant.done');
    await reply.waitFor({ timeout: 30_000 });
    const text = await reply.innerText();
    assert.match(text, /Simulated reply to: Hello from Chromium/);
    assert.match(text, /first token \d+ ms/);
    assert.match(text, /tokens: 3 in, 6 out, 9 total/);
    const chat = simulator.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.equal(chat.length, 1);
    assert.equal((chat[0]?.body as { model?: string }).model, 'sim-chat');
  });

  it('compares two columns from one input, and Stop ends the stalled one with a Retry', async () => {
    // Toasts (e.g. "Added E2E simulator") sit over the bottom of the panel, where Stop is.
    await runCommand(page(), 'Notifications: Clear All Notifications');
    // The playground and its connection from the test above.
    const playground = activeWebview(page());
    await playground.locator('#add-column').click();
    await playground.getByLabel('Column 2 model').fill('fault-stall');
    const prompt = playground.getByLabel('Message to send to every column');
    await prompt.fill('Compare this');
    await prompt.press('Enter');

    const first = playground.locator('section[aria-label="Column 1"] .message.assistant').last();
    const second = playground.locator('section[aria-label="Column 2"] .message.assistant').last();
    await first.and(playground.locator('.done')).waitFor({ timeout: 30_000 });
    assert.match(await first.innerText(), /Simulated reply to: Compare this/);
    // The stalled column has shown its first word and waits: Stop ends it.
    await second.locator('.reply-text', { hasText: 'Simulated' }).waitFor({ timeout: 30_000 });
    await playground.locator('#stop').click();
    await second.and(playground.locator('.stopped')).waitFor({ timeout: 30_000 });
    assert.match(await second.innerText(), /Stopped/);
    await second.getByRole('button', { name: 'Retry this reply' }).waitFor({ timeout: 30_000 });
  });
});
