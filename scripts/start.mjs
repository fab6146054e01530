// `npm start`: build, then open examples/ in VS Code with the extension under development — desktop VS Code when
// `code` is on PATH, otherwise code-server in the browser (the URL is printed).
import { spawnSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { superviseChild } from './childSupervision.mjs';

const root = resolve(import.meta.dirname, '..');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
const child = hasCode
  ? spawn('code', [`--extensionDevelopmentPath=${root}`, resolve(root, 'examples')], { stdio: 'inherit' })
  : spawn(process.execPath, ['-r', 'esbuild-register', 'test/rig/startDev.ts'], { stdio: 'inherit', cwd: root });
superviseChild(child);
