import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { DATA_DIR } from './dataFiles';

/** A finished child process. */
export interface ChildRun {
  readonly wallMs: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What every bench child prints as its last stdout line. */
export interface ChildReport {
  /** Time of the measured work inside the child (no process start-up). */
  readonly ms: number;
  /** Peak resident set size in kilobytes, worker threads included. */
  readonly maxRssKb: number;
  readonly [key: string]: unknown;
}

const CHILDREN = [
  'validateChild',
  'csvParseChild',
  'twcsConvertChild',
  'uploadChild',
  'plainUploadChild',
  'batchPlainChild',
  'batchRssPreload',
] as const;
export type ChildName = (typeof CHILDREN)[number];
const BIN_DIR = join(DATA_DIR, 'bin');

/** The bundled script of a child (built by bundleChildren before the cases run). */
export function childScript(name: ChildName): string {
  return join(BIN_DIR, `${name}.js`);
}

/**
 * Linux starts a forked child's peak RSS at the parent's resident size, and the bench process is big by the time
 * it runs children. Going through a shell that forks (it does not exec the last command when another follows)
 * makes the small shell the parent, so a child's maxRSS is its own.
 */
function spawnArgs(args: readonly string[]): [string, string[]] {
  if (process.platform === 'win32') return [process.execPath, [...args]];
  return ['/bin/sh', ['-c', '"$0" "$@"; exit $?', process.execPath, ...args]];
}

/** Runs `node args…` and collects its output; wall time includes process start-up. */
export function runNode(args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [command, commandArgs] = spawnArgs(args);
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        wallMs: performance.now() - started,
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/**
 * Bundles the child scripts like dist/ is bundled (packages stay in node_modules), so children run plain
 * JavaScript: no on-the-fly compiler in the measured process and nothing extra in its peak RSS.
 */
export async function bundleChildren(): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(CHILDREN.map((name) => [name, join(__dirname, '..', 'children', `${name}.ts`)])),
    outdir: BIN_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** Runs a bundled child and returns its report; throws with its stderr when it fails. */
export async function runChild(name: ChildName, args: readonly string[]): Promise<ChildReport & { wallMs: number }> {
  const run = await runNode([join(BIN_DIR, `${name}.js`), ...args]);
  const last = run.stdout.trimEnd().split('\n').pop() ?? '';
  if (run.code !== 0 || !last.startsWith('{'))
    throw new Error(`${name} exited with ${run.code}: ${run.stderr.trim().slice(-2000)}`);
  return { ...(JSON.parse(last) as ChildReport), wallMs: run.wallMs };
}

/** Runs a bundled child twice (the same way as every other timing); `best` is the faster run. */
export async function runChildTwice(
  name: ChildName,
  args: readonly string[],
  onRun: (run: ChildReport, at: number) => void,
): Promise<{ best: ChildReport; runs: ChildReport[] }> {
  const runs: ChildReport[] = [];
  for (let at = 0; at < 2; at++) {
    const run = await runChild(name, args);
    onRun(run, at);
    runs.push(run);
  }
  return { best: runs.reduce((a, b) => (b.ms < a.ms ? b : a)), runs };
}
