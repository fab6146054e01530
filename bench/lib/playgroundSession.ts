// The real playground for the bench: code-server with the extension under development (dist/, built by
// `npm run bench`), headless Chromium on its workbench, connections seeded into the user settings, and the
// Playground panel open. Reuses the test rig; everything it starts is stopped by close(), also on failure.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { activeWebview, runCommand, waitForActiveTab } from '../../test/e2e/workbench';
import { activeWebviewFrame, openWorkbench, waitForCommand } from './workbenchSession';

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
  const session = await openWorkbench(settings);
  try {
    const webview = await openPlayground(session.page, connections);
    return { page: session.page, webview, frame: await activeWebviewFrame(session.page), close: () => session.close() };
  } catch (error) {
    await session.close();
    throw error;
  }
}
