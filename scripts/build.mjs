// Bundles the extension host code, the CLI, the worker and the webviews with esbuild.
// `--watch` rebuilds on change; `--production` minifies. Test bundles go to out/ with `--tests`.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync, rmSync } from 'node:fs';

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

/**
 * The tokenizers' rank tables are megabytes each: every Node bundle loads them from one shared file in
 * dist/encodings/ (required lazily, when a model needs it) instead of carrying its own copy.
 */
const RANK_TABLES = ['o200k_base', 'cl100k_base'];
const sharedEncodings = {
  name: 'shared-encodings',
  setup(build) {
    build.onResolve({ filter: /bpeRanks\/(o200k_base|cl100k_base)(\.js)?$/ }, (args) => {
      const name = RANK_TABLES.find((n) => args.path.includes(`bpeRanks/${n}`));
      return { path: `./encodings/${name}.js`, external: true };
    });
  },
};

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', plugins: watch ? [problemMatcher] : [] };
// jsonc-parser's UMD entry uses dynamic requires that a bundle cannot follow: prefer ES module entries.
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], external: ['vscode'], plugins: [...common.plugins, sharedEncodings] };

const configs = [
  { ...node, entryPoints: { extension: 'src/extension.ts', 'job-worker': 'src/core/worker/jobWorker.ts', 'validate-worker': 'src/core/pipeline/lineWorker.ts' }, outdir: 'dist' },
  { ...common, platform: 'node', target: 'node20', format: 'cjs', entryPoints: Object.fromEntries(RANK_TABLES.map((n) => [n, `gpt-tokenizer/bpeRanks/${n}`])), outdir: 'dist/encodings' },
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

// A release build starts clean, so no source map or stale bundle of a dev build ends up in the package.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  copyAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  copyAssets();
}
