// The real playground for the bench: code-server with the extension under development (dist/, built by
// `npm run bench`), headless Chromium on its workbench, connections seeded into the user settings, and the
// Playground panel open. Reuses the test rig; everything it starts is stopped by close(), also on failure.
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { activeWebview, runCommand, waitForActiveTab, waitForWorkbench } from '../../test/e2e/workbench';
import { launchBrowser } from '../../test/rig/browser';
import { startCodeServer, type CodeServer } from '../../test/rig/codeServer';
import { PROJECT_ROOT } from '../../test/rig/codeServerInstall';

/** A server the playground lists, as written into `fineTuneStudio.connections`. */
export interface BenchConnection {
  readonly id: string;
  readonly name: string;
  /** The simulator's base URL (ends with /v1). */
  readonly baseUrl: string;
}

export interface PlaygroundSession {
  readonly page: Page;
  /** The playground's content as a locator (the webview's inner iframe). */
  readonly webview: FrameLocator;
  /** The same content frame as a Frame, for evaluating scripts in it. */
  readonly frame: Frame;
  close(): Promise<void>;
}

const UI_TIMEOUT = 60_000;
// Four columns side by side need room; the e2e suite uses the same width.
const VIEWPORT = { width: 1400, height: 900 };

/** The Frame behind `iframe.webview.ready` → `#active-frame` (activeWebview gives only a FrameLocator). */
async function contentFrame(page: Page): Promise<Frame> {
  const outer = await (
    await page.locator('iframe.webview.ready').elementHandle({ timeout: UI_TIMEOUT })
  )?.contentFrame();
  const inner = await (await outer?.locator('#active-frame').elementHandle({ timeout: UI_TIMEOUT }))?.contentFrame();
  if (!inner) throw new Error('The playground webview has no content frame.');
  return inner;
}

/**
 * Waits until the command palette lists `label`. An extension loaded from a development path registers its commands
 * after the workbench is up, and an open palette does not pick up commands registered after it opened.
 */
async function waitForCommand(page: Page, label: string): Promise<void> {
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

async function openPlayground(
  page: Page,
  connections: readonly BenchConnection[],
): Promise<PlaygroundSession['webview']> {
  await waitForCommand(page, 'Fine-Tune: Open Playground');
  await runCommand(page, 'Fine-Tune: Open Playground');
  await waitForActiveTab(page, 'Playground');
  const webview = activeWebview(page);
  // Every connection's models are listed once its option is in the picker.
  for (const connection of connections)
    await webview
      .locator('select.connection option', { hasText: connection.name })
      .first()
      .waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  return webview;
}

/** Gives the playground exactly `count` columns, each sending to `model` on the connection named `connection`. */
export async function setColumns(
  webview: FrameLocator,
  count: number,
  connection: string,
  model: string,
): Promise<void> {
  const columns = webview.locator('section[data-column]');
  for (let have = await columns.count(); have > count; have--) {
    await webview.locator(`vscode-button[aria-label="Remove Column ${have}"]`).click();
    await webview.locator(`section[aria-label="Column ${have}"]`).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }
  for (let have = await columns.count(); have < count; have++) {
    await webview.locator('#add-column').click();
    await webview.locator(`section[aria-label="Column ${have + 1}"]`).waitFor({ timeout: UI_TIMEOUT });
  }
  for (let column = 1; column <= count; column++) {
    await webview.getByLabel(`Column ${column} connection`).selectOption({ label: connection });
    await webview.getByLabel(`Column ${column} model`).fill(model);
  }
}

/** Starts code-server and Chromium, and opens the playground with these connections. */
export async function openPlaygroundSession(connections: readonly BenchConnection[]): Promise<PlaygroundSession> {
  const settings = {
    'fineTuneStudio.connections': connections.map(({ id, name, baseUrl }) => ({
      id,
      name,
      kind: 'compatible',
      baseUrl,
    })),
  };
  const server: CodeServer = await startCodeServer({ settings });
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: VIEWPORT });
    const extension = `vscode-remote://127.0.0.1:${server.port}${PROJECT_ROOT}`;
    const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', extension]]));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${payload}`);
    await waitForWorkbench(page);
    const webview = await openPlayground(page, connections);
    return { page, webview, frame: await contentFrame(page), close };
  } catch (error) {
    await close();
    throw error;
  }
}
