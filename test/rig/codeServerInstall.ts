// Installs code-server 4.100.3 (VS Code 1.100.3 on Node 20) into a cache folder outside node_modules. The npm registry
// is the only network it needs: ripgrep's download is served from a cache seeded with Debian's rg.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
const REQUIRED_APT: Record<string, string> = {
  'libkrb5-dev': '/usr/include/krb5.h',
  ripgrep: '/usr/bin/rg',
  chromium: CHROMIUM,
};

/** Project root (this file lives in test/rig). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Folder holding the cached code-server install. */
export function codeServerCacheDir(): string {
  return join(PROJECT_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerEntry(): string {
  return join(codeServerCacheDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function ripgrepBinary(): string {
  return join(
    codeServerCacheDir(),
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'node_modules',
    '@vscode',
    'ripgrep',
    'bin',
    'rg',
  );
}

/** Installs missing Debian packages when running as root; otherwise says exactly what to install. */
export function ensureSystemPackages(): void {
  const missing = Object.entries(REQUIRED_APT)
    .filter(([, file]) => !existsSync(file))
    .map(([pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`[rig] installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

/** Seeds @vscode/ripgrep's download cache with Debian's rg so its postinstall does not reach GitHub. */
function seedRipgrepCache(): void {
  const dir = join(process.env.TMPDIR ?? tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  const stage = join(dir, 'x');
  mkdirSync(stage, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  execFileSync('tar', ['czf', archive, 'rg'], { cwd: stage });
}

/** Ensures Debian packages and the cached code-server; returns code-server's entry script (run it with node). */
export function ensureCodeServer(): string {
  ensureSystemPackages();
  if (existsSync(codeServerEntry()) && existsSync(ripgrepBinary())) return codeServerEntry();
  seedRipgrepCache();
  const dir = codeServerCacheDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  console.log(`[rig] installing code-server@${CODE_SERVER_VERSION} into ${dir} (once, about a minute)`);
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: dir,
      stdio: 'inherit',
      env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
    },
  );
  if (result.status !== 0 || !existsSync(codeServerEntry()) || !existsSync(ripgrepBinary())) {
    throw new Error(`code-server install failed (npm exit ${String(result.status)}); see the npm output above`);
  }
  return codeServerEntry();
}
