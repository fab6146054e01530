// `npm run test:electron`: the same integration suite through @vscode/test-electron, for machines that can download
// VS Code (not this offline one; `npm test` runs the suite in code-server instead).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { PROJECT_ROOT } from './codeServerInstall';

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), '--tests'], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
  });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: PROJECT_ROOT,
    extensionTestsPath: join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(PROJECT_ROOT, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
