import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../../simulator/server';

const root = join(__dirname, '..', '..', '..');
const LINE = /^OpenAI-compatible simulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1)\n$/;

/** The arguments of `npm run fake-openai` after `node`, read from package.json so the test runs the real script. */
function scriptArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = (scripts['fake-openai'] ?? '').split(' ');
  assert.equal(program, 'node');
  return args;
}

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [...scriptArguments(), ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Resolves with the first line once it is complete; rejects when the process ends before printing one. */
function firstLine(started: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (started.stdout().includes('\n')) resolve(started.stdout());
    };
    started.child.stdout.on('data', check);
    void started.exit.then(({ code }) => reject(new Error(`exited (${code}) first: ${started.stderr()}`)));
  });
}

describe('simulator: npm run fake-openai (real process)', function () {
  this.timeout(30_000);
  const running: Run[] = [];
  afterEach(() => {
    // A failing test may leave its simulator running: end it here.
    for (const started of running.splice(0)) if (started.child.exitCode === null) started.child.kill('SIGKILL');
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`prints exactly the one listening line, serves, and exits 0 on ${signal}`, async () => {
      const started = run(['--port', '0']);
      running.push(started);
      const line = await firstLine(started);
      const url = LINE.exec(line)?.[1];
      assert.ok(url, `unexpected output: ${JSON.stringify(line)}`);
      const models = (await (await fetch(`${url}/models`)).json()) as { data: { id: string }[] };
      assert.ok(models.data.some((model) => model.id === 'sim-chat'));

      started.child.kill(signal);
      assert.deepEqual(await started.exit, { code: 0, signal: null });
      assert.equal(started.stdout(), line);
      assert.equal(started.stderr(), '');
    });
  }

  it('--azure serves the API under /openai/v1 too; --job-step-ms paces jobs', async () => {
    const started = run(['--port', '0', '--azure', '--job-step-ms', '5']);
    running.push(started);
    const url = LINE.exec(await firstLine(started))?.[1] ?? '';
    const azure = url.replace(/\/v1$/, '/openai/v1');
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file', new Blob(['{"messages":[]}\n']), 'train.jsonl');
    const file = (await (await fetch(`${azure}/files`, { method: 'POST', body: form })).json()) as { id: string };
    const created = await fetch(`${azure}/fine_tuning/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim-chat', training_file: file.id, trainingType: 'Developer' }),
    });
    const job = (await created.json()) as { id: string; trainingType: string };
    assert.equal(job.trainingType, 'Developer');
    // At 5 ms a step the job ends in well under the test's timeout (at the default pace it would take ~40 s).
    for (;;) {
      const { status } = (await (await fetch(`${azure}/fine_tuning/jobs/${job.id}`)).json()) as { status: string };
      if (status === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    started.child.kill('SIGTERM');
    assert.deepEqual(await started.exit, { code: 0, signal: null });
  });

  it('says so and exits 1 when the port is taken', async () => {
    const taken = await startSimulator();
    try {
      const port = new URL(taken.url).port;
      const started = run([`--port=${port}`]);
      running.push(started);
      assert.deepEqual(await started.exit, { code: 1, signal: null });
      assert.match(started.stderr(), /that port is in use; pass --port 0 for a free one/);
      assert.equal(started.stdout(), '');
    } finally {
      await taken.close();
    }
  });

  for (const [args, message] of [
    [['--port', 'abc'], /--port does not take "abc"/],
    [['--port=70000'], /--port does not take "70000"/],
    [['--chunks-per-second', '0'], /--chunks-per-second does not take "0"/],
    [['--job-step-ms', '-1'], /--job-step-ms does not take "-1"/],
  ] as const) {
    it(`refuses ${args.join(' ')} with a message and exit code 1`, async () => {
      const started = run([...args]);
      running.push(started);
      assert.deepEqual(await started.exit, { code: 1, signal: null });
      assert.match(started.stderr(), message);
      assert.equal(started.stdout(), '');
    });
  }
});
