// Bundles the extension host code, the CLI, the worker and the webviews with esbuild.
// `--watch` rebuilds on change; `--production` minifies. Test bundles go to out/ with `--tests`.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');

/** Prints errors in the `file:line:col: error:` shape so VS Code's esbuild problem matcher can read them. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', plugins: watch ? [problemMatcher] : [] };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'] };

const configs = [
  { ...node, entryPoints: { extension: 'src/extension.ts', 'validate-worker': 'src/core/worker/validateWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { report: 'webview/report/main.ts' }, outdir: 'dist/webview' },
];
if (tests) {
  configs.push({ ...node, entryPoints: { index: 'test/integration/index.ts' }, outdir: 'out/test/integration', external: ['vscode', 'mocha'] });
}

function copyAssets() {
  mkdirSync('dist/webview', { recursive: true });
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
}

if (watch) {
  copyAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  copyAssets();
}
