// Starts an isolated code-server on 127.0.0.1 (fresh user data, extensions and workspace copy) and stops it,
// with everything it started, also on failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, PROJECT_ROOT } from './codeServerInstall';
import { killGroupOnExit } from './processGroups';

/** A running code-server. */
export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** The workspace folder it opened (a copy of examples/). */
  readonly workspace: string;
  /** Output printed so far, for error messages. */
  readonly log: () => string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A .vsix to install into the fresh extensions dir before starting. */
  readonly vsix?: string;
  /** User settings to seed. */
  readonly settings?: Record<string, unknown>;
  /** Open this folder as it is, instead of a fresh copy of examples/. */
  readonly workspace?: string;
  /** Keep user data and extensions here across runs, instead of a temporary folder removed on stop. */
  readonly dataDir?: string;
  /** Port to bind on 127.0.0.1; a free one when omitted. */
  readonly port?: number;
  /** Extra environment for the server and the extension host it starts. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A free port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
}

// The extension gallery points at a closed loopback port, so the workbench never reaches for a marketplace host.
const OFFLINE_ENV = {
  ...process.env,
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
};

function runToEnd(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: OFFLINE_ENV });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}:\n${output}`)),
    );
  });
}

/** Starts code-server on a free loopback port with a copy of examples/ as its workspace. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ft-studio-rig-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const workspace = options.workspace ?? join(root, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  if (!options.workspace) cpSync(join(PROJECT_ROOT, 'examples'), workspace, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const baseArgs = [
    '--auth',
    'none',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
  if (options.vsix) await runToEnd(process.execPath, [entry, ...baseArgs, '--install-extension', options.vsix]);

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    process.execPath,
    [entry, ...baseArgs, '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', workspace],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...OFFLINE_ENV, ...options.env },
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // Killed with the runner if it ends first (Ctrl+C, SIGTERM, SIGHUP, a crash).
  if (child.pid !== undefined) child.once('exit', killGroupOnExit(child.pid));
  const log = () => output;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    if (!options.dataDir) rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, log, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, workspace, log, stop };
}
