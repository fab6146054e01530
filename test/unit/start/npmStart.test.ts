import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// `npm start` runs scripts/start.mjs, which runs test/rig/startDesktop.ts (VS Code; see startDesktop.test.ts) or
// test/rig/startDev.ts, which runs code-server in its own process group. Stopping npm start with a signal must stop
// everything below it; these tests stop each link with a dummy child in place of the starter or code-server.
const root = join(__dirname, '..', '..', '..');
const DUMMY = `setInterval(() => {}, 1000)`;

/** Whether a process is still running (a zombie waiting to be reaped has ended). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until the process has ended, or gives up after a while (the assertion that follows then fails). */
async function waitUntilEnded(pid: number): Promise<void> {
  for (let tries = 0; tries < 100 && isRunning(pid); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Starts a Node program that prints its dummy child's pid once it is supervised; resolves with both. */
function startParent(args: string[]): Promise<{ parent: ChildProcess; childPid: number; ended: Promise<unknown> }> {
  const parent = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const ended = new Promise((resolve) => parent.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let output = '';
    parent.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const line = /^(\d+)\n/.exec(output);
      if (line) resolve({ parent, childPid: Number(line[1]), ended });
    });
    parent.once('exit', (code) => reject(new Error(`the parent exited (${String(code)}) before starting its child`)));
  });
}

describe('npm start leaves nothing running when stopped', function () {
  this.timeout(30_000);
  const started: number[] = [];

  afterEach(() => {
    // A failing test leaves its dummy behind: end it here.
    for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    it(`start.mjs’s supervision (scripts/childSupervision.mjs) passes ${signal} on to the editor it started and exits`, async () => {
      const program = [
        `import { spawn } from 'node:child_process';`,
        `import { superviseChild } from ${JSON.stringify(join(root, 'scripts', 'childSupervision.mjs'))};`,
        `const child = spawn(process.execPath, ['-e', ${JSON.stringify(DUMMY)}], { stdio: 'ignore' });`,
        `superviseChild(child);`,
        `console.log(child.pid);`,
      ].join('\n');
      const { parent, childPid, ended } = await startParent(['--input-type=module', '-e', program]);
      started.push(childPid);

      parent.kill(signal);
      await ended;
      await waitUntilEnded(childPid);

      assert.equal(isRunning(childPid), false, `the editor (pid ${childPid}) outlived npm start`);
      assert.notEqual(parent.exitCode, 0);
    });

    it(`the code-server rig kills the server's process group on ${signal}`, async () => {
      const program = [
        `const { spawn } = require('node:child_process');`,
        `const { killGroupOnExit } = require(${JSON.stringify(join(root, 'test', 'rig', 'processGroups.ts'))});`,
        `const child = spawn(process.execPath, ['-e', ${JSON.stringify(DUMMY)}], { stdio: 'ignore', detached: true });`,
        `killGroupOnExit(child.pid);`,
        `console.log(child.pid);`,
        DUMMY,
      ].join('\n');
      const { parent, childPid, ended } = await startParent(['-r', 'esbuild-register', '-e', program]);
      started.push(childPid);

      parent.kill(signal);
      await ended;
      await waitUntilEnded(childPid);

      assert.equal(isRunning(childPid), false, `code-server (pid ${childPid}) outlived its runner`);
    });
  }
});
