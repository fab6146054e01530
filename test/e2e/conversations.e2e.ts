import * as assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rig/codeServerInstall';
import { page, workspaceFolder } from './session';
import {
  activeWebview,
  openFromExplorer,
  openFromExplorerMenu,
  readProblems,
  runCommand,
  waitForActiveTab,
  waitForWorkbench,
} from './workbench';

const UI_TIMEOUT = 60_000;
/** A copy of the examples' chat file, so the edits here leave the file other tests read as it was. */
const FILE = 'conversations-chat.jsonl';

/** Waits until the Problems panel lists (or no longer lists) a code. */
async function waitForCodeInProblems(code: string, listed: boolean): Promise<void> {
  await readProblems(page(), 0);
  await page().waitForFunction(
    `[...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row) => row.textContent.includes(${JSON.stringify(code)})) === ${listed}`,
    undefined,
    { timeout: UI_TIMEOUT },
  );
}

/** The Problems panel's rows that name a code. */
async function problemRows(code: string): Promise<string[]> {
  const rows = await readProblems(page(), 1);
  return rows.filter((row) => row.includes(code));
}

describe('conversations view in the VS Code UI', () => {
  before(() => {
    copyFileSync(join(PROJECT_ROOT, 'examples', 'support-chat.jsonl'), join(workspaceFolder(), FILE));
  });
  after(async () => {
    await runCommand(page(), 'View: Close All Editors');
  });

  it('shows the chat file as conversations, filters to problems, and fixes one by editing a message', async () => {
    await openFromExplorer(page(), FILE);
    await waitForCodeInProblems('ft.role-case', true);
    assert.equal((await problemRows('ft.role-case')).length, 1, 'line 4 has "Assistant" as its role');

    // The button in the editor title of a .jsonl file.
    await page().locator('.editor-actions .action-label[aria-label^="Open as Conversations"]').first().click();
    const view = activeWebview(page());
    const line4 = view.locator('.card[data-line="3"]');
    await line4.locator('.problem-code', { hasText: 'ft.role-case' }).waitFor({ timeout: UI_TIMEOUT });
    assert.match(await line4.innerText(), /Can I move my service to a new address\?/);

    await view.getByLabel('Problems').selectOption('any');
    // Only the examples with a problem stay: lines 4, 6, 8, 10, 13 and 14 of the file.
    await view.locator('.card[data-line="1"]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const cards = await view.locator('.card:not(.placeholder)').all();
    const shown = await Promise.all(cards.map(async (card) => Number(await card.getAttribute('data-line')) + 1));
    assert.deepEqual(shown, [4, 6, 8, 10, 13, 14]);

    await line4.locator('select.role-picker').last().selectOption('assistant');
    // Fixed: the example leaves the problems-only list, and the Problems panel no longer lists the role.
    await line4.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await waitForCodeInProblems('ft.role-case', false);
    assert.deepEqual(await problemRows('ft.role-case'), []);
    assert.ok((await problemRows('ft.json-syntax')).length > 0, 'the other problems are still listed');
  });

  it('opens an example in the playground from its card', async () => {
    const view = activeWebview(page());
    await view.getByLabel('Problems').selectOption('');
    const goTo = view.getByLabel('Go to line (Enter)');
    await goTo.fill('2');
    await goTo.press('Enter');
    const line2 = view.locator('.card[data-line="1"]');
    await line2.waitFor({ timeout: UI_TIMEOUT });
    await line2.getByRole('button', { name: 'Open line 2 in the playground' }).click();
    await waitForActiveTab(page(), 'Playground');
    const playground = activeWebview(page());
    const reference = playground.getByRole('region', { name: 'Dataset answer' });
    await reference.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await reference.innerText(), /Wireless > Security/);
    await playground.locator('.message', { hasText: 'How do I change my Wi-Fi password?' }).first().waitFor({
      timeout: UI_TIMEOUT,
    });
  });

  it('comes back after a window reload with its filter', async () => {
    // The edit above left the copy unsaved: saved first, so the reload has nothing to ask about.
    await runCommand(page(), 'File: Save All');
    await runCommand(page(), 'View: Close All Editors');
    await openFromExplorer(page(), FILE);
    await page().locator('.editor-actions .action-label[aria-label^="Open as Conversations"]').first().click();
    let view = activeWebview(page());
    await view.getByLabel('Problems').selectOption('any');
    await view.locator('.card[data-line="1"]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The view saves its state 300 ms after a change (PERSIST_DELAY_MS); a reload sooner than that loses the change.
    await page().waitForTimeout(1_000);

    await runCommand(page(), 'Developer: Reload Window');
    await waitForWorkbench(page());
    view = activeWebview(page());
    // Line 6 has a problem; line 2 has none and stays filtered out.
    await view.locator('.card[data-line="5"]').waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await view.getByLabel('Problems').inputValue(), 'any');
    assert.equal(await view.locator('.card[data-line="1"]').count(), 0);
  });

  it('shows a 40 MB file from disk at once, then the editable view where the user had gone', async function () {
    // VS Code loads a 40 MB document in 15–30 s on a slow two-core machine.
    this.timeout(240_000);
    // Large enough that VS Code takes seconds to load it as a document (LOAD_FIRST_BYTES is 8 MB).
    const name = 'conversations-large.jsonl';
    const line = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `Question ${i + 1}` },
          { role: 'assistant', content: `Answer ${i + 1} ${'x'.repeat(1_000)}` },
        ],
      });
    writeFileSync(join(workspaceFolder(), name), `${Array.from({ length: 38_000 }, (_, i) => line(i)).join('\n')}\n`);

    await openFromExplorerMenu(page(), name, 'Open as Conversations');
    let view = activeWebview(page());
    await view.getByRole('status').filter({ hasText: 'Loading this 40 MB file for editing' }).waitFor({
      timeout: UI_TIMEOUT,
    });
    const goTo = view.getByLabel('Go to line (Enter)');
    await goTo.fill('20000');
    await goTo.press('Enter');
    await view.locator('.card[data-line="19999"]').waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await view.locator('select.role-picker').count(), 0, 'the jump was made in the read-only view');

    // The editable view (role pickers) takes its place, at the same example.
    await view.locator('.card[data-line="19999"] select.role-picker').first().waitFor({ timeout: UI_TIMEOUT });
    view = activeWebview(page());
    assert.match(await view.locator('.card[data-line="19999"]').innerText(), /Question 20000/);
    assert.equal(await view.getByRole('status').filter({ hasText: 'Loading' }).count(), 0);
    const tabs = page().locator('.tabs-container .tab', { hasText: name });
    assert.equal(await tabs.count(), 1, 'the read-only view gave its place up');
  });
});
