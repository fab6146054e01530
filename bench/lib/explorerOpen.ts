// The baseline of the bench's view cases: opening a workspace file in VS Code's text editor, timed from the click.
import type { Page } from 'playwright-core';
import { explorerRow, runCommand, showExplorer } from '../../test/e2e/workbench';

const UI_TIMEOUT = 60_000;

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
