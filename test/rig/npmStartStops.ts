// `npm start` stopped with a signal must leave nothing running: runs scripts/start.mjs the way it runs without
// desktop VS Code (the simulator and code-server through test/rig/startDev.ts), stops it and looks for processes
// and the simulator's port it left behind.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './codeServerInstall';

/** pid -> parent pid and state of every process, from /proc. */
function processTable(): Map<number, { ppid: number; state: string }> {
  const table = new Map<number, { ppid: number; state: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(ppid), state });
    } catch {
      // Ended while listing.
    }
  }
  return table;
}

function descendantsOf(root: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, entry] of table) {
      if (entry.ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  const entry = processTable().get(pid);
  return entry !== undefined && entry.state !== 'Z';
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 160);
  } catch {
    return '?';
  }
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The simulator's port, from the banner's `simulator at http://127.0.0.1:PORT/v1`; throws when it is not there. */
function simulatorPort(output: string): number {
  const found = /simulator at http:\/\/127\.0\.0\.1:(\d+)\/v1\b/.exec(output);
  if (found === null) throw new Error(`npm start's banner does not give the simulator's URL:\n${output}`);
  return Number(found[1]);
}

/**
 * Starts `npm start` (code-server, as when `code` is not installed), stops it with `signal` once it printed its URL,
 * and resolves with what outlived it: processes (killed before returning, so the rig leaves nothing either) and the
 * simulator's port when it is still open.
 */
export async function processesLeftByNpmStart(signal: 'SIGTERM' | 'SIGHUP' | 'SIGINT'): Promise<string[]> {
  // A `code` that fails makes start.mjs choose code-server, whatever is installed on this machine.
  const bin = mkdtempSync(join(tmpdir(), 'ft-no-code-'));
  writeFileSync(join(bin, 'code'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(bin, 'code'), 0o755);
  // code-server would take PORT as its port instead of the free one startDev gives it.
  const env = { ...process.env };
  delete env.PORT;
  const start = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, PATH: `${bin}${delimiter}${env.PATH ?? ''}` },
  });
  const ended = new Promise((resolve) => start.once('exit', resolve));
  let output = '';
  const running = new Promise<void>((resolve, reject) => {
    const read = (data: Buffer) => {
      output += data.toString();
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    };
    start.stdout.on('data', read);
    start.stderr.on('data', read);
    start.once('exit', (code) => reject(new Error(`npm start exited (${String(code)}) before it ran:\n${output}`)));
  });
  try {
    await running;
    const port = simulatorPort(output);
    if (!(await isListening(port))) throw new Error(`the simulator npm start announced is not listening on ${port}`);
    const started = descendantsOf(start.pid!);
    start.kill(signal);
    await ended;
    for (let tries = 0; tries < 100 && started.some(isRunning); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const left = started.filter(isRunning);
    const described = left.map((pid) => `${pid} ${commandOf(pid)}`);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    if (await isListening(port)) described.push(`the simulator, still listening on 127.0.0.1:${port}`);
    return described;
  } finally {
    if (start.exitCode === null && start.signalCode === null) start.kill('SIGKILL');
    rmSync(bin, { recursive: true, force: true });
  }
}

/**
 * Checks that npm start stopped by Ctrl+C (SIGINT), SIGTERM or SIGHUP leaves nothing running, the simulator
 * included; 0 when it does, else 1.
 */
export async function checkNpmStartStops(): Promise<number> {
  let failed = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const left = await processesLeftByNpmStart(signal);
    if (left.length === 0) {
      console.log(`npm start stopped by ${signal}: nothing left running`);
    } else {
      failed = 1;
      console.error(`npm start stopped by ${signal} left running:\n  ${left.join('\n  ')}`);
    }
  }
  return failed;
}
