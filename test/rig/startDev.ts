// `npm start` without desktop VS Code: the simulator (devSimulator.ts), then code-server on 127.0.0.1 with the
// extension under development loaded through the workbench's `payload` parameter, opening examples/. Runs until
// Ctrl+C.
import { join } from 'node:path';
import { startCodeServer } from './codeServer';
import { PROJECT_ROOT } from './codeServerInstall';
import { simulatorBanner, simulatorEnvironment, startDevSimulator } from './devSimulator';

async function main(): Promise<void> {
  const workspace = join(PROJECT_ROOT, 'examples');
  // In this process: it stops when Ctrl+C ends the process, which also kills code-server's process group.
  const simulator = await startDevSimulator();
  const server = await startCodeServer({
    workspace,
    dataDir: join(PROJECT_ROOT, '.vscode-test', 'dev'),
    port: Number(process.env.PORT ?? 0) || undefined,
    env: simulatorEnvironment(simulator),
  });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${PROJECT_ROOT}`]];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(
    `\nFine-Tune Studio is running in VS Code (code-server). Open:\n\n  ${url}\n\n${simulatorBanner(simulator)}\n\nPress Ctrl+C to stop.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
