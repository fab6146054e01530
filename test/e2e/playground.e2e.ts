import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/server';
import { page, workspaceFolder } from './session';
import {
  activeWebview,
  answerQuickInput,
  openFromExplorer,
  runCommand,
  until,
  waitForActiveTab,
  waitForNotification,
  waitForWorkbench,
} from './workbench';

const NAME = 'E2E simulator';
const PREFERENCES = 'e2e-preferences.jsonl';
const CHATS = 'e2e-chats.jsonl';
const PREFERENCE_LINE =
  '{"input":{"messages":[{"role":"user","content":"Hi"}]},"preferred_output":[{"role":"assistant","content":"Hello! How can I help?"}],"non_preferred_output":[{"role":"assistant","content":"What."}]}\n';
const CHAT_LINE =
  '{"messages":[{"role":"system","content":"You are a support agent."},{"role":"user","content":"Where is my order?"},{"role":"assistant","content":"It ships today."}]}\n';

/** Picks a dataset file in Save to dataset's list (files are listed while it is open, so click the row itself). */
async function pickDataset(name: string): Promise<void> {
  await page().locator('.quick-input-widget .quick-input-title', { hasText: 'to a dataset' }).waitFor();
  const row = page().locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/** Shows the playground's tab again (an editor opened over it hid it; its page kept running). */
async function showPlayground(): Promise<void> {
  await page().locator('.tabs-container .tab', { hasText: 'Playground' }).click();
  await waitForActiveTab(page(), 'Playground');
}

/** Waits until the quick input shows the step with this title, then answers it (see `answerQuickInput`). */
async function answerStep(title: string, text: string, pickLabel?: string): Promise<void> {
  await page().locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  await answerQuickInput(page(), text, pickLabel);
}

describe('playground in the VS Code UI', () => {
  let simulator: Simulator;

  before(async () => {
    simulator = await startSimulator();
    writeFileSync(join(workspaceFolder(), PREFERENCES), PREFERENCE_LINE);
    writeFileSync(join(workspaceFolder(), CHATS), CHAT_LINE);
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
    // The simulator lists a fine-tuned model and its base: the first visit pairs them, base beside fine-tune.
    await playground.getByLabel('Column 2 model').waitFor({ timeout: 30_000 });
    assert.equal(await playground.getByLabel('Column 1 model').inputValue(), 'sim-chat');
    assert.equal(await playground.getByLabel('Column 2 model').inputValue(), 'ft:sim-chat:studio::sim001');
    const prompt = playground.getByLabel('Message to send to every column');
    await prompt.fill('Hello from Chromium');
    await prompt.press('Enter');

    for (const [name, text] of [
      ['Column 1', /^Simulated reply to: Hello from Chromium/],
      ['Column 2', /^\[fine-tuned\] Simulated reply to: Hello from Chromium/],
    ] as const) {
      const reply = playground.locator(`section[aria-label="${name}"] .message.assistant.done`);
      await reply.waitFor({ timeout: 30_000 });
      const shown = await reply.innerText();
      assert.match(shown, text);
      assert.match(shown, /first token \d+ ms/);
      assert.match(shown, /tokens: \d+ in, \d+ out, \d+ total/);
    }
    const chat = simulator.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.deepEqual(chat.map((request) => (request.body as { model?: string }).model).sort(), [
      'ft:sim-chat:studio::sim001',
      'sim-chat',
    ]);
  });

  it('compares two columns from one input, and Stop ends the stalled one with a Retry', async () => {
    // Toasts (e.g. "Added E2E simulator") sit over the bottom of the panel, where Stop is.
    await runCommand(page(), 'Notifications: Clear All Notifications');
    // The playground and its connection from the test above.
    const playground = activeWebview(page());
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

  it('follows a long reply down as it streams, and goes back to the bottom when a message is sent', async () => {
    const playground = activeWebview(page());
    await playground.getByRole('button', { name: 'Clear all conversations' }).click();
    await playground.getByLabel('Column 2 model').fill('echo');
    const prompt = playground.getByLabel('Message to send to every column');
    // `echo` streams the message back in small chunks: two long texts, far taller than the column.
    const long = Array.from({ length: 150 }, (_, index) => `Line ${index + 1} of a long message.`).join('\n\n');
    await prompt.fill(long);
    await prompt.press('Enter');
    const column = playground.locator('section[aria-label="Column 2"]');
    await column.locator('.message.assistant.done').waitFor({ timeout: 30_000 });
    const log = column.locator('.conversation');
    const sizes = () =>
      log.evaluate((element) => ({
        height: element.scrollHeight,
        shown: element.clientHeight,
        toBottom: element.scrollHeight - element.scrollTop - element.clientHeight,
      }));
    const distanceToBottom = async () => (await sizes()).toBottom;
    // The last growth is followed in the frame after it.
    const atBottom = (what: string) => until(async () => (await distanceToBottom()) <= 30, what);
    const { height, shown } = await sizes();
    assert.ok(height > 3 * shown, `the texts are far taller than the column (${height} px in ${shown} px)`);
    await atBottom('the conversation followed the reply to its end');

    // Scrolled up to read, the conversation stays there; a new message takes it back down.
    await log.hover();
    await page().mouse.wheel(0, -2_000);
    await until(async () => (await distanceToBottom()) > 1_000, 'the wheel scrolled the conversation up');
    await prompt.fill('Short one.');
    await prompt.press('Enter');
    await column.locator('.message.assistant.done').nth(1).waitFor({ timeout: 30_000 });
    await atBottom('sending went back to the bottom');
  });

  it('compares blind: models hidden until the vote, then the vote is saved as a preference example', async () => {
    const playground = activeWebview(page());
    await playground.getByRole('button', { name: 'Clear all conversations' }).click();
    await playground.getByLabel('Column 2 model').fill('ft:sim-chat:studio::sim001');
    await playground.locator('#blind').check();
    const prompt = playground.getByLabel('Message to send to every column');
    await prompt.fill('Which answer is kinder?');
    await prompt.press('Enter');

    const vote = playground.getByRole('group', { name: 'Which reply is better?' });
    await vote.waitFor({ timeout: 30_000 });
    // Before the vote: "Model A" and "Model B", and nothing names a model.
    assert.equal(await playground.locator('select.connection').count(), 0);
    assert.equal(await playground.locator('input.model').count(), 0);
    const answerA = await playground
      .locator('section[aria-label="Model A"] .message.assistant .reply-text')
      .innerText();
    const answerB = await playground
      .locator('section[aria-label="Model B"] .message.assistant .reply-text')
      .innerText();
    assert.notEqual(answerA, answerB);
    await vote.getByRole('button', { name: 'A is better' }).click();
    const verdict = playground.getByRole('group', { name: 'Comparison' });
    // Model names carry their connection's name when another connection lists the same models (another test's).
    assert.match(
      await verdict.innerText(),
      /A was (sim-chat|ft:sim-chat:studio::sim001)( \([^)]+\))?, B was (sim-chat|ft:)/,
    );
    assert.match(await playground.locator('.tally').innerText(), /Blind votes \(1\)/);

    await verdict.getByRole('button', { name: 'Save the vote as a preference example' }).click();
    await pickDataset(PREFERENCES);
    await verdict.getByText(`Saved to ${PREFERENCES}:2.`).waitFor({ timeout: 30_000 });
    const saved = readFileSync(join(workspaceFolder(), PREFERENCES), 'utf8').split('\n');
    assert.equal(saved[0], PREFERENCE_LINE.trimEnd(), 'the earlier example is untouched');
    const example = JSON.parse(saved[1]!) as {
      input: { messages: { content: string }[] };
      preferred_output: { content: string }[];
      non_preferred_output: { content: string }[];
    };
    assert.equal(example.input.messages.at(-1)?.content, 'Which answer is kinder?');
    assert.equal(example.preferred_output[0]?.content, answerA);
    assert.equal(example.non_preferred_output[0]?.content, answerB);
  });

  it('saves an edited reply into an open dataset file and shows it in the editor', async () => {
    await openFromExplorer(page(), CHATS);
    await showPlayground();
    const playground = activeWebview(page());
    await playground.locator('#blind').uncheck();
    const column = playground.locator('section[aria-label="Column 1"]');
    await column.getByRole('button', { name: 'Save this reply to a dataset' }).last().click();
    await column.getByLabel('Reply to save (edit it first if you like)').fill('An edited answer from the playground.');
    await column.getByRole('button', { name: 'Save the example' }).click();
    await pickDataset(CHATS);
    await playground.getByText(`Saved to ${CHATS}:2.`).waitFor({ timeout: 30_000 });

    await page().locator('.tabs-container .tab', { hasText: CHATS }).click();
    await page()
      .locator('.monaco-editor .view-lines', { hasText: 'An edited answer from the playground.' })
      .waitFor({ timeout: 30_000 });
    const onDisk = readFileSync(join(workspaceFolder(), CHATS), 'utf8');
    assert.ok(onDisk.startsWith(CHAT_LINE), 'the earlier example is untouched');
    assert.match(
      onDisk.split('\n')[1]!,
      /"content":"Which answer is kinder\?"\},\{"role":"assistant","content":"An edited answer/,
    );
  });

  it('opens a dataset example from its CodeLens and regenerates it beside the dataset’s answer', async () => {
    // The chat file's editor is active (the test above).
    const lens = page().locator('.codelens-decoration a', { hasText: 'Open in Playground' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    await waitForActiveTab(page(), 'Playground');
    const playground = activeWebview(page());
    const reference = playground.getByRole('region', { name: 'Dataset answer' });
    await reference.waitFor({ timeout: 30_000 });
    assert.match(
      await reference.innerText(),
      new RegExp(`Dataset answer \\(${CHATS.replace('.', '\\.')}:1\\)[\\s\\S]*It ships today\\.`),
    );
    for (const name of ['Column 1', 'Column 2']) {
      const last = playground.locator(`section[aria-label="${name}"] .message.assistant`).last();
      await last.and(playground.locator('.done')).waitFor({ timeout: 30_000 });
      assert.match(await last.innerText(), /Simulated reply to: Where is my order\?/);
    }
    const sent = simulator.requests.filter((request) => request.path === '/v1/chat/completions').slice(-2);
    for (const request of sent)
      assert.deepEqual((request.body as { messages: unknown }).messages, [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: 'Where is my order?' },
      ]);
  });

  it('comes back after a window reload with its columns and conversations', async () => {
    const playground = activeWebview(page());
    const before = await playground.locator('section[aria-label="Column 1"] .message.assistant').last().innerText();
    await runCommand(page(), 'Developer: Reload Window');
    await waitForWorkbench(page());
    await waitForActiveTab(page(), 'Playground');
    const restored = activeWebview(page());
    const reply = restored.locator('section[aria-label="Column 1"] .message.assistant').last();
    await reply.waitFor({ timeout: 60_000 });
    assert.equal(await reply.innerText(), before);
    assert.equal(await restored.getByLabel('Column 2 model').inputValue(), 'ft:sim-chat:studio::sim001');
    assert.match(await restored.getByRole('region', { name: 'Dataset answer' }).innerText(), /It ships today\./);
  });
});
