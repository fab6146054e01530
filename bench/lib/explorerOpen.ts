// Opening a workspace file in the bench's code-server from the Explorer, timed from the user's last key or click.
import type { Locator, Page } from 'playwright-core';
import { runCommand, showExplorer } from '../../test/e2e/workbench';

const UI_TIMEOUT = 60_000;

/** The file's row in the Explorer. */
function explorerRow(page: Page, file: string): Locator {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: file }) })
    .first();
}

/**
 * With no editor open, opens the file's context menu in the Explorer and presses Enter on the item with this title;
 * resolves with the time of that Enter (a click on a VS Code menu item in Chromium does not always run it).
 */
export async function openFromExplorerMenu(page: Page, file: string, itemTitle: string): Promise<number> {
  await runCommand(page, 'View: Close All Editors');
  await showExplorer(page);
  await explorerRow(page, file).click({ button: 'right' });
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

/**
 * The baseline of the view cases: with no editor open, a click on the file in the Explorer → VS Code's text editor
 * draws a line holding `lineText`. Resolves with the milliseconds it took.
 */
export async function openInTextEditor(page: Page, file: string, lineText: string): Promise<number> {
  await runCommand(page, 'View: Close All Editors');
  await showExplorer(page);
  const row = explorerRow(page, file);
  await row.hover();
  const started = Date.now();
  await row.click();
  await page
    .locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: lineText })
    .first()
    .waitFor({ timeout: UI_TIMEOUT });
  return Date.now() - started;
}
