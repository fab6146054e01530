import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRecord } from '../../src/core/batch/batchTypes';
import { validateText } from '../../src/core/validation/validateText';
import { startSimulator, type Simulator } from '../../simulator/server';
import { preview } from '../../webview/evaluation/format';
import { PROJECT_ROOT } from '../rig/codeServerInstall';
import { removeConnection } from './connectionSteps';
import { page, workspaceFolder } from './session';
import {
  activeWebview,
  answerQuickInput,
  openFromExplorer,
  runCommand,
  waitForActiveTab,
  waitForNotification,
} from './workbench';

const UI_TIMEOUT = 60_000;
const CONNECTION = 'E2E evaluation simulator';
const PROMPTS = 'eval-prompts.jsonl';
const RESULTS = 'eval-prompts.results.jsonl';
const PREFERENCES = 'eval-preferences.jsonl';
const BASE = 'sim-chat';
const TUNED = 'ft:sim-chat:studio::sim001';
const DISTILLED = `eval-prompts.${TUNED.replace(/[^\w.-]+/g, '-')}.distilled.jsonl`;

interface ChatLine {
  messages: { role: string; content: string }[];
}

/** The fewest examples a chat file may have without an error (OpenAI's minimum), so the distilled file has them. */
const MIN_EXAMPLES = 10;

/**
 * The prompts: the examples' chat file's lines without a problem (it has deliberate mistakes for the validation
 * tests), then as many support chats of our own as the distilled dataset needs to reach the minimum.
 */
function promptLines(): string[] {
  const text = readFileSync(join(PROJECT_ROOT, 'examples', 'support-chat.jsonl'), 'utf8');
  const flagged = new Set(
    validateText(text)
      .problems.filter((problem) => problem.severity === 'error' || problem.severity === 'warning')
      .map((problem) => problem.range.start.line),
  );
  const lines = text.split('\n').filter((line, index) => line.trim() !== '' && !flagged.has(index));
  for (let n = 1; lines.length < MIN_EXAMPLES; n++) {
    lines.push(
      JSON.stringify({
        messages: [
          { role: 'system', content: 'You are a support agent.' },
          { role: 'user', content: `Where is my order number ${n}?` },
          { role: 'assistant', content: `Order ${n} ships today.` },
        ],
      }),
    );
  }
  return lines;
}

/** The last user message of an example: what the simulator answers and the table's Prompt column shows. */
function lastUser(line: string): string {
  const messages = (JSON.parse(line) as ChatLine).messages;
  return messages.filter((message) => message.role === 'user').at(-1)!.content;
}

/** What the simulator answers to a prompt (see simulator/replies.ts). */
function replyOf(model: string, asked: string): string {
  return model === TUNED ? `[fine-tuned] Simulated reply to: ${asked}` : `Simulated reply to: ${asked}`;
}

/** Waits until the quick input shows the step with this title. */
async function waitForStep(title: string): Promise<void> {
  await page().locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: UI_TIMEOUT });
}

/** Checks the model with exactly this id in the open multi-select picker (filtering first, then its checkbox). */
async function checkModel(model: string): Promise<void> {
  const input = page().locator('.quick-input-widget input.input');
  await input.fill(model);
  const exact = new RegExp(`^\\s*${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page()
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page().locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  // A click on a row of a multi-select pick toggles its check box (in some VS Code versions only the box itself).
  const checked = row.locator('.monaco-checkbox[aria-checked="true"], input[type="checkbox"]:checked');
  await row.locator('.label-name', { hasText: exact }).first().click();
  const toggled = await checked.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!toggled) {
    await row.locator('.monaco-checkbox, input[type="checkbox"]').first().click();
    await checked.waitFor({ timeout: UI_TIMEOUT });
  }
}

/** Polls `check` until it holds (UI_TIMEOUT at most). */
async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('The save dialog did not settle.');
    await page().waitForTimeout(50);
  }
}

/** Answers VS Code's simple save dialog (a quick input holding a path) with a path in the workspace folder. */
async function answerSaveDialog(title: string, name: string): Promise<void> {
  await waitForStep(title);
  // The dialog writes its default path into the box a moment after its title shows, over anything typed before:
  // type the path until the box still holds it a moment later.
  const input = page().locator('.quick-input-widget input.input');
  const path = join(workspaceFolder(), name);
  const holdsPath = async () => (await input.inputValue()) === path;
  await waitUntil(async () => {
    if (!(await holdsPath())) await input.fill(path);
    await page().waitForTimeout(250);
    return holdsPath();
  });
  await input.press('Enter');
}

describe('batch runs and the evaluation view in the VS Code UI', () => {
  let simulator: Simulator;
  const lines = promptLines();

  before(async () => {
    simulator = await startSimulator();
    writeFileSync(join(workspaceFolder(), PROMPTS), `${lines.join('\n')}\n`);
  });
  after(async () => {
    // Later tests find "the active webview": leave none of ours behind, and no connection to a closed simulator.
    await runCommand(page(), 'View: Close All Editors');
    await removeConnection(CONNECTION);
    await simulator.close();
  });

  it('runs a prompts file against two simulator models through the command’s quick picks', async () => {
    await runCommand(page(), 'Fine-Tune: Add Connection…');
    await waitForStep('Add Connection');
    await answerQuickInput(page(), 'Other URL', 'Other URL…');
    await waitForStep('Connection name');
    await answerQuickInput(page(), CONNECTION);
    await waitForStep('Base URL');
    await answerQuickInput(page(), simulator.url);
    await waitForNotification(page(), `Added ${CONNECTION}`);
    await runCommand(page(), 'Notifications: Clear All Notifications');

    // The open prompts file is the run's input.
    await openFromExplorer(page(), PROMPTS);
    await runCommand(page(), 'Fine-Tune: Run Batch…');
    await waitForStep('Run Batch: Models');
    await checkModel(BASE);
    await checkModel(TUNED);
    await page().locator('.quick-input-widget input.input').press('Enter');
    // "Run Batch: Parameters for <label> (n of 2)", one box per model in the picker's order (fine-tuned first): the
    // first model's text is typed; the second box starts with it, so Enter gives both models the same parameters.
    await waitForStep('(1 of 2)');
    await answerQuickInput(page(), 'temperature=0');
    await waitForStep('(2 of 2)');
    const box = page().locator('.quick-input-widget input.input');
    assert.equal(await box.inputValue(), 'temperature=0');
    await box.press('Enter');
    await answerSaveDialog('Run Batch: Results File', RESULTS);

    const message = await waitForNotification(page(), 'Batch run finished');
    assert.match(
      message,
      new RegExp(`Batch run finished: ${lines.length * 2} answered, 0 failed \\(${lines.length} prompts × 2 models\\)`),
    );
    const records = readFileSync(join(workspaceFolder(), RESULTS), 'utf8').trimEnd().split('\n');
    assert.equal(records.length, lines.length * 2);
    for (const record of records) {
      assert.deepEqual((JSON.parse(record) as ResultRecord).model.parameters, { temperature: 0 });
    }
    const chat = simulator.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.deepEqual(
      [...new Set(chat.map((request) => (request.body as { model?: string }).model))].sort(),
      [TUNED, BASE].sort(),
    );
  });

  it('opens the results in the Evaluation view: every prompt with both answers, and the metrics', async () => {
    await page()
      .locator('.notification-toast', { hasText: 'Batch run finished' })
      .getByRole('button', { name: 'Open Results' })
      .click();
    await waitForActiveTab(page(), /Evaluation/);
    const view = activeWebview(page());
    await view.locator('h1', { hasText: `Evaluation — ${RESULTS}` }).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await view.locator('header p.muted').innerText(), `${lines.length} prompts · 2 models`);
    const table = view.locator('table.results');
    await table.locator('tr.row').first().waitFor({ timeout: UI_TIMEOUT });
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.slice(3, 5).sort(), [BASE, TUNED].sort());
    const baseColumn = headers.indexOf(BASE);
    const tunedColumn = headers.indexOf(TUNED);
    const rows = table.locator('tr.row');
    assert.equal(await rows.count(), lines.length);
    for (const [index, line] of lines.entries()) {
      const cells = await rows.nth(index).locator('td').allInnerTexts();
      const asked = lastUser(line);
      assert.equal(cells[0], String(index + 1));
      assert.equal(cells[1], preview(asked));
      assert.equal(cells[baseColumn], preview(replyOf(BASE, asked)));
      assert.equal(cells[tunedColumn], preview(replyOf(TUNED, asked)));
    }

    const metrics = view.locator('table.metrics');
    // The metrics are computed after the first rows are shown.
    await metrics.waitFor();
    for (const model of [BASE, TUNED]) {
      const cells = await metrics
        .locator('tr', { has: view.locator('th', { hasText: new RegExp(`^${model}$`) }) })
        .locator('td')
        .allInnerTexts();
      assert.equal(cells[0], `${lines.length} / ${lines.length}`, `${model} answered every prompt`);
      assert.equal(cells[1], '0', `${model} has no errors`);
      assert.equal(cells[2], '0.0%', `no answer of ${model} is the dataset's`);
      assert.match(cells[3]!, /^0\.\d{3}$/, `${model}'s token F1`);
      assert.match(cells[5]!, /^\d[\d,]* ms \/ \d[\d,]* ms$/, `${model}'s latency`);
      assert.equal(cells[7], '0', `no answer of ${model} was cut off`);
    }
  });

  it('votes blind with the keyboard and saves the vote as a preference pair', async () => {
    const view = activeWebview(page());
    await view.getByRole('button', { name: 'Start blind review' }).click();
    const item = view.locator('.review-item');
    await item.waitFor({ timeout: UI_TIMEOUT });
    const first = (await item.locator('.blind-answers .message').nth(0).locator('.markdown').innerText()).trim();
    const second = (await item.locator('.blind-answers .message').nth(1).locator('.markdown').innerText()).trim();
    assert.notEqual(first, second);
    // Nothing in the blind comparison names a model.
    assert.doesNotMatch(await item.innerText(), /sim-chat/);
    const position = Number(/Prompt (\d+)/.exec(await item.locator('p.muted').innerText())![1]) - 1;

    await page().keyboard.press('1');
    const verdict = view.locator('.last-vote');
    await verdict.waitFor({ timeout: UI_TIMEOUT });
    const revealed = /answer 1 was (\S+), answer 2 was (\S+)\./.exec(await verdict.innerText());
    assert.ok(revealed, 'the vote reveals both models');
    const [better, worse] = [revealed[1]!, revealed[2]!];
    assert.deepEqual([better, worse].sort(), [BASE, TUNED].sort());
    assert.equal(first.startsWith('[fine-tuned]'), better === TUNED, 'answer 1 is the model the vote named');
    // The human votes table counts the vote.
    await view.locator('table.standings[aria-label="Human votes"]').waitFor({ timeout: UI_TIMEOUT });

    await verdict.getByRole('button', { name: 'Save as preference pair' }).click();
    await waitForStep('Save the preference (DPO) example to');
    await answerQuickInput(page(), 'new file', 'Save in a new file');
    await answerSaveDialog('Save the preference (DPO) example in', PREFERENCES);
    await view.locator('p.status', { hasText: `Saved to ${PREFERENCES}, line 1.` }).waitFor({ timeout: UI_TIMEOUT });

    const saved = readFileSync(join(workspaceFolder(), PREFERENCES), 'utf8');
    assert.equal(saved.split('\n').length, 2, 'one line, ending with a newline');
    const example = JSON.parse(saved) as {
      input: { messages: { role: string; content: string }[] };
      preferred_output: { role: string; content: string }[];
      non_preferred_output: { role: string; content: string }[];
    };
    const asked = lastUser(lines[position]!);
    assert.equal(example.input.messages.at(-1)?.content, asked);
    assert.deepEqual(example.preferred_output, [{ role: 'assistant', content: replyOf(better, asked) }]);
    assert.deepEqual(example.non_preferred_output, [{ role: 'assistant', content: replyOf(worse, asked) }]);
  });

  it('distils the fine-tuned model into a new chat file that validates clean', async () => {
    const view = activeWebview(page());
    await view
      .locator('table.metrics tr', { has: view.locator('th', { hasText: TUNED }) })
      .getByRole('button', { name: 'Distil' })
      .click();
    await answerSaveDialog(`Distil ${TUNED}`, DISTILLED);
    await view
      .locator('p.status', { hasText: `Wrote ${lines.length} examples to ${DISTILLED}.` })
      .waitFor({ timeout: UI_TIMEOUT });

    const text = readFileSync(join(workspaceFolder(), DISTILLED), 'utf8');
    const validation = validateText(text);
    assert.equal(validation.format, 'chat');
    assert.deepEqual(
      validation.problems.filter((problem) => problem.severity === 'error' || problem.severity === 'warning'),
      [],
    );
    const distilled = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ChatLine);
    assert.deepEqual(
      distilled.map((example) => example.messages.at(-1)),
      lines.map((line) => ({ role: 'assistant', content: replyOf(TUNED, lastUser(line)) })),
    );
  });
});
