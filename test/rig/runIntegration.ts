// Runs test/integration inside code-server's Node extension host: the workbench's `payload` URL parameter loads the
// extension under development and calls the tests module's run(); the workbench reports the end through the page
// function codeAutomationExit(code), as VS Code's own browser integration tests do.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../simulator/server';
import { SIMULATOR_URL_VARIABLE } from '../../src/connections/simulatorConnection';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { PROJECT_ROOT } from './codeServerInstall';
import { checkNpmStartStops } from './npmStartStops';

const RESULTS = join(PROJECT_ROOT, 'test-results', 'integration.json');
const TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<number> {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), '--tests'], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
  });
  rmSync(RESULTS, { force: true });
  // As `npm start` does: the extension host gets a simulator's URL (test/integration/simulatorConnection.test.ts).
  const simulator = await startSimulator();
  const server = await startCodeServer({ env: { [SIMULATOR_URL_VARIABLE]: simulator.url } }).catch(
    async (error: unknown) => {
      await simulator.close();
      throw error;
    },
  );
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    await simulator.close();
    throw error;
  });
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The extension host's console output reaches the page console; show the mocha report from it.
    page.on('console', (message) => {
      const text = message.text();
      const tag = text.indexOf('[ft-test] ');
      if (tag !== -1) console.log(text.slice(tag + '[ft-test] '.length));
      else if (process.env.FT_RIG_VERBOSE) console.log('[page]', text);
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(PROJECT_ROOT)],
      ['extensionTestsPath', remote(join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js'))],
    ];
    await page.goto(
      `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const code = await Promise.race([
      exitCode,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error(`integration tests did not finish in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS),
      ),
    ]);
    if (!existsSync(RESULTS)) {
      console.error(
        `The extension host ended (code ${code}) without writing ${RESULTS}: the suite did not run.\n${server.log()}`,
      );
      return 1;
    }
    const counts = JSON.parse(readFileSync(RESULTS, 'utf8')) as { passed: number; failed: number };
    console.log(`integration: ${counts.passed} passed, ${counts.failed} failed (extension host exit ${code})`);
    return code === 0 && counts.failed === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    await simulator.close();
  }
}

main()
  // Then, with code-server installed: npm start stopped by a signal leaves nothing running.
  .then(async (code) => Math.max(code, await checkNpmStartStops()))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
