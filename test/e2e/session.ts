// One code-server with the packaged .vsix installed, one browser page on its workbench, shared by all e2e tests
// (mocha root hooks). Failures leave a screenshot in test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../rig/browser';
import { startCodeServer, type CodeServer } from '../rig/codeServer';
import { PROJECT_ROOT } from '../rig/codeServerInstall';
import { waitForWorkbench } from './workbench';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let current: Page | undefined;

/** The workbench page of the running session. */
export function page(): Page {
  if (!current) throw new Error('e2e session not started');
  return current;
}

/** The workspace folder (a copy of examples/) that code-server opened. */
export function workspaceFolder(): string {
  if (!server) throw new Error('e2e session not started');
  return server.workspace;
}

const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    const vsix = process.env.FT_E2E_VSIX;
    if (!vsix) throw new Error('FT_E2E_VSIX must name the packaged extension (npm run test:e2e sets it)');
    server = await startCodeServer({ vsix });
    browser = await launchBrowser();
    current = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await current.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await waitForWorkbench(current);
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state === 'failed' && current) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = join(RESULTS_DIR, `${test.fullTitle().replace(/[^\w-]+/g, '_')}.png`);
      await current.screenshot({ path: file }).catch(() => undefined);
      console.log(`    screenshot: ${file}`);
    }
  },
  async afterAll(): Promise<void> {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  },
};
