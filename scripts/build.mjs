// Bundles the extension host code, the CLI, the worker and the webviews with esbuild.
// `--watch` rebuilds on change; `--production` minifies. Test bundles go to out/ with `--tests`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

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
 * Bundles load the tokenizer vocabularies as binary tables from dist/encodings/ (written below from gpt-tokenizer's
 * rank lists) instead of carrying the lists: rankFile.ts stands in for rankSource.ts.
 */
const bundledRankTables = {
  name: 'bundled-rank-tables',
  setup(build) {
    build.onResolve({ filter: /\/rankSource$/ }, (args) => ({
      path: resolve(args.resolveDir, `${args.path.replace(/rankSource$/, 'rankFile')}.ts`),
    }));
  },
};

function writeRankTables() {
  const code = "require('./src/core/tokens/bpe/rankTableFiles.ts').writeRankTables('dist/encodings')";
  const result = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', code], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('writing the rank tables failed');
  // The integration bundle counts tokens too, and reads the tables beside itself as every bundle does.
  if (tests) cpSync('dist/encodings', 'out/test/integration/encodings', { recursive: true });
}

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};
// jsonc-parser's UMD entry uses dynamic requires that a bundle cannot follow: prefer ES module entries.
const node = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: ['vscode'],
  plugins: [...common.plugins, bundledRankTables],
};

const configs = [
  {
    ...node,
    entryPoints: {
      extension: 'src/extension.ts',
      'task-worker': 'src/core/worker/taskWorker.ts',
      'validate-worker': 'src/core/pipeline/lineWorker.ts',
    },
    outdir: 'dist',
  },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: {
      report: 'webview/report/main.ts',
      playground: 'webview/playground/main.ts',
      jobs: 'webview/jobs/main.ts',
      conversations: 'webview/conversations/main.ts',
      evaluation: 'webview/evaluation/main.ts',
    },
    outdir: 'dist/webview',
  },
];
if (tests) {
  configs.push({
    ...node,
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
  });
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
  writeRankTables();
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  copyAssets();
  writeRankTables();
}
