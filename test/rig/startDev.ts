// `npm start` without desktop VS Code: code-server on 127.0.0.1 with the extension under development loaded through
// the workbench's `payload` parameter, opening examples/. Runs until Ctrl+C.
import { join } from 'node:path';
import { startCodeServer } from './codeServer';
import { PROJECT_ROOT } from './codeServerInstall';

async function main(): Promise<void> {
  const workspace = join(PROJECT_ROOT, 'examples');
  const server = await startCodeServer({
    workspace,
    dataDir: join(PROJECT_ROOT, '.vscode-test', 'dev'),
    port: Number(process.env.PORT ?? 0) || undefined,
  });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${PROJECT_ROOT}`]];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  // Ctrl+C ends this process; the rig then stops code-server with it.
  console.log(`\nFine-Tune Studio is running in VS Code (code-server). Open:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
