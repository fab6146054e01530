// `npm test`: type-check, formatting (Prettier), lint, unit tests (plain Node), integration tests (inside VS Code's extension host, in
// code-server) and e2e tests (the real VS Code UI in headless Chromium). Ends with one line over all suites:
// `N passed, N failed` (and skipped only when something was), non-zero when anything failed or a suite did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const node = process.execPath;
const results = 'test-results';

/** Each suite: a command, and the results file its mocha reporter writes (none for the check steps). */
const suites = [
  {
    name: 'typecheck',
    command: [node, 'node_modules/typescript/bin/tsc', '-p', '.'],
    // The webview code, and the webview tests (they need the DOM types, so they have their own project).
    then: [
      [node, 'node_modules/typescript/bin/tsc', '-p', 'webview'],
      [node, 'node_modules/typescript/bin/tsc', '-p', 'test/unit/webview'],
      [node, 'node_modules/typescript/bin/tsc', '-p', 'bench/probes'],
    ],
  },
  { name: 'format', command: [node, 'node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.'] },
  { name: 'lint', command: [node, 'node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.'] },
  { name: 'build', command: [node, 'scripts/build.mjs'] },
  {
    name: 'unit',
    command: [
      node,
      'node_modules/mocha/bin/mocha.js',
      '--reporter',
      './test/rig/spec-with-summary.cjs',
      '--reporter-option',
      `output=${results}/unit.json`,
    ],
    results: `${results}/unit.json`,
  },
  {
    name: 'integration',
    command: [node, '-r', 'esbuild-register', 'test/rig/runIntegration.ts'],
    results: `${results}/integration.json`,
  },
  { name: 'e2e', command: [node, '-r', 'esbuild-register', 'test/rig/runE2e.ts'], results: `${results}/e2e.json` },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedReasons = [];
const broken = [];

for (const suite of suites) {
  console.log(`\n━━ ${suite.name} ━━`);
  if (suite.results) rmSync(suite.results, { force: true });
  const started = Date.now();
  let status = spawnSync(suite.command[0], suite.command.slice(1), { stdio: 'inherit' }).status;
  for (const next of suite.then ?? []) {
    if (status !== 0) break;
    status = spawnSync(next[0], next.slice(1), { stdio: 'inherit' }).status;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!suite.results) {
    // A check step counts as one test: it passes or fails as a whole.
    if (status === 0) totals.passed++;
    else {
      totals.failed++;
      broken.push(`${suite.name} failed (exit ${status})`);
    }
    console.log(`${suite.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
    continue;
  }
  if (!existsSync(suite.results)) {
    broken.push(`${suite.name}: the suite did not run (no ${suite.results}; exit ${status})`);
    totals.failed++;
    continue;
  }
  const counts = JSON.parse(readFileSync(suite.results, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  for (const title of counts.skippedTitles) skippedReasons.push(`${suite.name}: ${title}`);
  if (counts.passed + counts.failed === 0) broken.push(`${suite.name}: ran no test`);
  if (status !== 0 && counts.failed === 0) {
    broken.push(`${suite.name}: exited ${status} although no test failed`);
    totals.failed++;
  }
  console.log(
    `${suite.name}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} in ${seconds} s`,
  );
}

console.log('');
for (const line of broken) console.log(`✘ ${line}`);
for (const line of skippedReasons) console.log(`skipped: ${line}`);
const ok = totals.failed === 0 && broken.length === 0;
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
