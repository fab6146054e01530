// Packages the extension (so packaging is tested too), then runs test/e2e with mocha in Node; the tests drive the
// real VS Code UI of code-server in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './codeServerInstall';

function main(): number {
  const dir = mkdtempSync(join(tmpdir(), 'ft-studio-vsix-'));
  const vsix = join(dir, 'finetune-studio.vsix');
  try {
    const packaged = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'package.mjs'), vsix], {
      stdio: 'inherit',
      cwd: PROJECT_ROOT,
    });
    if (packaged.status !== 0) return 1;
    const mocha = spawnSync(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--require',
        'esbuild-register',
        '--require',
        'test/e2e/session.ts',
        '--extension',
        'ts',
        '--timeout',
        '120000',
        '--slow',
        '10000',
        '--reporter',
        './test/rig/spec-with-summary.cjs',
        '--reporter-option',
        'output=test-results/e2e.json',
        'test/e2e/**/*.e2e.ts',
      ],
      { stdio: 'inherit', cwd: PROJECT_ROOT, env: { ...process.env, FT_E2E_VSIX: vsix } },
    );
    return mocha.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exit(main());
