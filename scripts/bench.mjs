// `npm run bench`: builds dist/ as it ships (`--production`: minified, no source maps; the worker, CLI and webview
// bundles are measured), then runs the benchmark runner.
// Arguments pass through: `npm run bench -- --only 1,3`, `npm run bench -- --clean` (removes bench/.data).
import { spawnSync } from 'node:child_process';

const node = process.execPath;
const args = process.argv.slice(2);

if (!args.includes('--clean')) {
  const build = spawnSync(node, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const bench = spawnSync(node, ['-r', 'esbuild-register', 'bench/runBench.ts', ...args], { stdio: 'inherit' });
process.exit(bench.status ?? 1);
