// The real VS Code for the bench: code-server with the extension under development (dist/, built by `npm run bench`)
// and headless Chromium on its workbench. Reuses the test rig; close() stops everything it started, also on failure.
import type { Browser, Frame, Page } from 'playwright-core';
import { waitForWorkbench } from '../../test/e2e/workbench';
import { launchBrowser } from '../../test/rig/browser';
import { startCodeServer, type CodeServer } from '../../test/rig/codeServer';
import { PROJECT_ROOT } from '../../test/rig/codeServerInstall';

export interface WorkbenchSession {
  readonly page: Page;
  /** The workspace folder code-server opened (a copy of examples/). */
  readonly workspace: string;
  close(): Promise<void>;
}

const UI_TIMEOUT = 60_000;
// Four playground columns side by side need room; the e2e suite uses the same width.
const VIEWPORT = { width: 1400, height: 900 };

/**
 * Starts code-server with these user settings, lets `prepare` write files into its workspace before the window
 * opens, and loads the workbench in Chromium.
 */
export async function openWorkbench(
  settings: Record<string, unknown>,
  prepare: (workspace: string) => void | Promise<void> = () => undefined,
): Promise<WorkbenchSession> {
  const server: CodeServer = await startCodeServer({ settings });
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    await prepare(server.workspace);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: VIEWPORT });
    const extension = `vscode-remote://127.0.0.1:${server.port}${PROJECT_ROOT}`;
    const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', extension]]));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${payload}`);
    await waitForWorkbench(page);
    return { page, workspace: server.workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The Frame of the active webview's content (`iframe.webview.ready` → `#active-frame`), for evaluating scripts in it. */
export async function activeWebviewFrame(page: Page): Promise<Frame> {
  const outer = await (
    await page.locator('iframe.webview.ready').last().elementHandle({ timeout: UI_TIMEOUT })
  )?.contentFrame();
  const inner = await (await outer?.locator('#active-frame').elementHandle({ timeout: UI_TIMEOUT }))?.contentFrame();
  if (!inner) throw new Error('The webview has no content frame.');
  return inner;
}

/**
 * Waits until the command palette lists `label`. An extension loaded from a development path registers its commands
 * after the workbench is up, and an open palette does not pick up commands registered after it opened.
 */
export async function waitForCommand(page: Page, label: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  for (;;) {
    await page.keyboard.press('F1');
    await input.fill(`>${label}`);
    const listed = await row.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    await page.keyboard.press('Escape');
    if (listed) return;
    if (Date.now() > deadline) throw new Error(`The command palette did not list ${label} within ${UI_TIMEOUT} ms.`);
  }
}
