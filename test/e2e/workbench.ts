// Helpers that drive the real VS Code workbench in the browser like a person would: the command palette, Quick Open,
// the Problems panel, notifications and webview frames. Every wait is on a visible element, never on a fixed sleep.
import type { FrameLocator, Locator, Page } from 'playwright-core';

const UI_TIMEOUT = 30_000;

/** Waits until the workbench is rendered and the extension host has started. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: UI_TIMEOUT });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT });
}

/** Runs a command by its palette label (e.g. "Fine-Tune: Validate File…") through F1. */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: UI_TIMEOUT / 2 });
      await input.fill(`>${label}`);
      await row.waitFor({ timeout: UI_TIMEOUT / 2 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      // Something open (a dialog, a half-closed quick input) or a webview holding the focus can take the key press:
      // close it and try again.
      await page.keyboard.press('Escape');
    }
  }
  await input.press('Enter');
}

/** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(name);
  await page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ timeout: UI_TIMEOUT });
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
}

/** Answers an open Quick Pick or input box by typing and pressing Enter; waits for the given item when it is a pick. */
export async function answerQuickInput(page: Page, text: string, pickLabel?: string): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(text);
  if (pickLabel) {
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: pickLabel })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  }
  await input.press('Enter');
}

/** Opens the Problems panel and returns the text of each row it lists. */
export async function readProblems(page: Page, expectAtLeast = 1): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ timeout: UI_TIMEOUT });
  const rows = panel.locator('.monaco-list-row');
  await page.waitForFunction(
    `document.querySelectorAll('.markers-panel .monaco-list-row').length >= ${expectAtLeast}`,
    undefined,
    { timeout: UI_TIMEOUT },
  );
  return rows.allInnerTexts();
}

/** Waits for a notification toast containing the text and returns its full message. */
export async function waitForNotification(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: UI_TIMEOUT });
  return toast.innerText();
}

/**
 * The content frame of the active webview (VS Code nests it in two iframes). Only a visible one: a panel that keeps
 * its page while hidden keeps its iframe too.
 */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/** Waits for an editor tab with this label to be active. */
export async function waitForActiveTab(page: Page, label: string | RegExp): Promise<void> {
  await page.locator('.tabs-container .tab.active', { hasText: label }).waitFor({ timeout: UI_TIMEOUT });
}

/**
 * Waits for a modal dialog (VS Code draws them as DOM in the browser) whose text matches, clicks its button with this
 * exact label, and returns the dialog's text (message and detail).
 */
export async function answerDialog(page: Page, text: string | RegExp, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text });
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  const shown = await dialog.innerText();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  return shown;
}

/**
 * In the open Quick Pick, types the filter and clicks the row whose label is exactly `label` (a click, so a longer
 * label that the filter also matches, e.g. `ft:sim-chat:…` for `sim-chat`, is never taken instead).
 */
export async function pickExactRow(
  page: Page,
  filter: string,
  label: string | RegExp,
  /** Match `label` against the whole row (label, description and detail) instead of the label alone. */
  wholeRow = false,
): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(filter);
  const exact =
    typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter(wholeRow ? { hasText: exact } : { has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click();
}

/** Puts the Explorer back in the side bar (e.g. the Jobs view took it): other files, and a reload, expect it there. */
export async function showExplorer(page: Page): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT });
}

/** The file's row in the Explorer, by its exact name. */
export function explorerRow(page: Page, file: string): Locator {
  const exact = new RegExp(`^\\s*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
}

/**
 * Shows the Explorer and waits for the file's row. Files the test has just written are there at once (the file
 * watcher), while Quick Open's file search can miss them for a while.
 */
async function explorerRowShown(page: Page, file: string): Promise<Locator> {
  await showExplorer(page);
  const row = explorerRow(page, file);
  // The file watcher can miss a file written while the workbench was still starting: refresh once if it is late.
  const seen = await row.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!seen) {
    const header = page.locator('.explorer-viewlet .pane-header').first();
    await header.hover();
    await header.locator('.action-label[aria-label^="Refresh Explorer"]').click();
    await row.waitFor({ timeout: UI_TIMEOUT });
  }
  return row;
}

/**
 * With no editor open, opens the file's context menu in the Explorer and presses Enter on the item with this title;
 * resolves with the time of that Enter (a click on a VS Code menu item in Chromium does not always run it).
 */
export async function openFromExplorerMenu(page: Page, file: string, itemTitle: string): Promise<number> {
  await runCommand(page, 'View: Close All Editors');
  await (await explorerRowShown(page, file)).click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: itemTitle }).first();
  await item.hover();
  await item
    .locator('.action-label.focused, .action-menu-item.focused')
    .first()
    .waitFor({ timeout: UI_TIMEOUT })
    .catch(() => undefined);
  const started = Date.now();
  await page.keyboard.press('Enter');
  return started;
}

/** Opens a workspace file by clicking it in the Explorer. */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  await (await explorerRowShown(page, name)).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
}

/** Checks `condition` on the page until it holds (a value without an event to wait on), failing after UI_TIMEOUT. */
export async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + UI_TIMEOUT;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
