// `npm start`: build, then run the OpenAI-compatible simulator and open examples/ in VS Code with the extension
// under development, which lists the simulator as "Local simulator (offline)" — desktop VS Code when `code` is on
// PATH (test/rig/startDesktop.ts), otherwise code-server in the browser (test/rig/startDev.ts; the URL is printed).
// Runs until Ctrl+C, which stops the simulator too.
import { spawnSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { superviseChild } from './childSupervision.mjs';

const root = resolve(import.meta.dirname, '..');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
const starter = hasCode ? 'test/rig/startDesktop.ts' : 'test/rig/startDev.ts';
const child = spawn(process.execPath, ['-r', 'esbuild-register', starter], { stdio: 'inherit', cwd: root });
superviseChild(child);
