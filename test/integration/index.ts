// Entry of the integration suite: VS Code's extension host calls run() (through @vscode/test-electron on machines
// that can download VS Code, or through code-server's `payload` parameter here). Mocha runs every *.test.ts bundled
// below and writes its counts to test-results/integration.json for `npm test`.
import Mocha from 'mocha';
import * as path from 'node:path';
import { format } from 'node:util';
import SpecWithSummary from '../rig/spec-with-summary.cjs';

/** Called by VS Code's test runner inside the extension host. */
export async function run(): Promise<void> {
  // The extension host's console reaches the browser page; one tagged, pre-formatted line each keeps it readable.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`[ft-test] ${format(...args)}`);
  const root = path.resolve(__dirname, '..', '..', '..');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: SpecWithSummary,
    reporterOptions: { output: path.join(root, 'test-results', 'integration.json') },
  });
  // Test modules call describe/it when loaded, so they are imported after mocha has defined those globals.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  await import('./activation.test.js');
  await import('./curate.test.js');
  await import('./convert.test.js');
  await import('./diagnostics.test.js');
  await import('./cancellableProgress.test.js');
  await import('./webviewHtml.test.js');
  await import('./report.test.js');
  await import('./reportComputation.test.js');
  await import('./connections.test.js');
  await import('./playground.test.js');
  await import('./exampleCodeLens.test.js');
  await import('./saveExample.test.js');
  await import('./simulatorConnection.test.js');
  await import('./viewCode.test.js');
  await import('./jobsView.test.js');
  await import('./jobCreation.test.js');
  await import('./jobDetail.test.js');
  await import('./conversations.test.js');
  await import('./batchRun.test.js');
  await import('./evaluation.test.js');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
  });
}
