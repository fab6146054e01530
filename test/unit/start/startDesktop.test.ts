import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

// `npm start` with desktop VS Code (test/rig/startDesktop.ts) runs the simulator, then `code` with the simulator's
// URL in its environment, and keeps the simulator until Ctrl+C. A fake `code` records what it was given.
const root = join(__dirname, '..', '..', '..');

interface Started {
  readonly child: ChildProcess;
  readonly ended: Promise<number | null>;
  /** What startDesktop printed so far. */
  readonly output: () => string;
  /** The fake code's record: the simulator URL it found in its environment, then its arguments, one a line. */
  readonly record: () => string;
}

const bins: string[] = [];
const children: ChildProcess[] = [];

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 300 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Starts startDesktop.ts with a fake `code` that records its input and exits with `codeExit`. */
async function startDesktop(codeExit: number): Promise<Started> {
  const bin = mkdtempSync(join(tmpdir(), 'ft-fake-code-'));
  bins.push(bin);
  const recordFile = join(bin, 'record');
  writeFileSync(
    join(bin, 'code'),
    `#!/bin/sh\nprintf '%s\\n' "$FINETUNE_STUDIO_SIMULATOR_URL" "$@" > '${recordFile}.tmp'\nmv '${recordFile}.tmp' '${recordFile}'\nexit ${codeExit}\n`,
  );
  chmodSync(join(bin, 'code'), 0o755);
  const child = spawn(process.execPath, ['-r', 'esbuild-register', 'test/rig/startDesktop.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  children.push(child);
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const record = () => {
    try {
      return readFileSync(recordFile, 'utf8');
    } catch {
      return '';
    }
  };
  await waitFor(() => output.includes('Press Ctrl+C to stop.') && record() !== '');
  return { child, ended, output: () => output, record };
}

/** The simulator's base URL from the banner. */
function simulatorUrl(output: string): string {
  const found = /simulator at (http:\/\/127\.0\.0\.1:\d+\/v1)\b/.exec(output);
  assert.ok(found?.[1], `no simulator URL in:\n${output}`);
  return found[1];
}

/** Whether the simulator answers (without a key, as the connection sends none). */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/models`)).ok;
  } catch {
    return false;
  }
}

describe('npm start with desktop VS Code (test/rig/startDesktop.ts)', function () {
  this.timeout(30_000);

  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const bin of bins.splice(0)) rmSync(bin, { recursive: true, force: true });
  });

  it('opens examples/ with the extension under development and gives code the simulator’s URL', async () => {
    const started = await startDesktop(0);
    const url = simulatorUrl(started.output());
    assert.match(started.output(), /Local simulator \(offline\)/);
    assert.match(started.output(), /not a real model/);
    assert.deepEqual(started.record().trimEnd().split('\n'), [
      url,
      `--extensionDevelopmentPath=${root}`,
      join(root, 'examples'),
    ]);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`keeps the simulator running after code returned, and stops it on ${signal}`, async () => {
      const started = await startDesktop(0);
      const url = simulatorUrl(started.output());
      assert.equal(await answers(url), true, 'the simulator answers while npm start runs');

      started.child.kill(signal);
      const exitCode = await started.ended;

      assert.notEqual(exitCode, 0);
      assert.equal(await answers(url), false, `the simulator outlived npm start (${signal})`);
    });
  }

  it('ends with code’s exit code when code fails, and stops the simulator', async () => {
    const started = await startDesktop(3);
    const url = simulatorUrl(started.output());
    assert.equal(await started.ended, 3);
    assert.match(started.output(), /code ended with exit code 3; the simulator is stopped/);
    assert.equal(await answers(url), false);
  });
});
