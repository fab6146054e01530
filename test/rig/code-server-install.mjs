// Installs code-server 4.100.3 (VS Code 1.100.3 on Node 20) into a cache folder outside node_modules, offline-safe:
// the registry is the only network it needs. Recipe: docs on offline VS Code testing (ripgrep cache, unsafe-perm).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export const CODE_SERVER_VERSION = '4.100.3';
const REQUIRED_APT = { 'libkrb5-dev': '/usr/include/krb5.h', ripgrep: '/usr/bin/rg', chromium: '/usr/bin/chromium' };

/** Folder holding the cached code-server install (`.vscode-test/code-server-<version>`). */
export function cacheDir(root = process.cwd()) {
  return resolve(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

/** Path of the code-server launcher inside the cache. */
export function codeServerBin(root = process.cwd()) {
  return join(cacheDir(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Installs missing Debian packages when root; otherwise explains what to install and throws. */
export function ensureSystemPackages() {
  const missing = Object.entries(REQUIRED_APT).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`[rig] installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

/** Seeds @vscode/ripgrep's download cache with Debian's rg so its postinstall does not reach GitHub. */
function seedRipgrepCache() {
  const dir = join(process.env.TMPDIR || tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  const stage = join(dir, 'x');
  mkdirSync(stage, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  execFileSync('tar', ['czf', archive, 'rg'], { cwd: stage });
}

/** Ensures code-server is installed in the cache; returns the launcher path. */
export function ensureCodeServer(root = process.cwd()) {
  const bin = codeServerBin(root);
  const rg = join(cacheDir(root), 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (existsSync(bin) && existsSync(rg)) return bin;
  ensureSystemPackages();
  seedRipgrepCache();
  const dir = cacheDir(root);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  console.log(`[rig] installing code-server@${CODE_SERVER_VERSION} into ${dir} (one time, ~1 min)`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (result.status !== 0 || !existsSync(bin) || !existsSync(rg)) {
    throw new Error(`code-server install failed (exit ${result.status}); see the npm output above`);
  }
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureCodeServer());
}
