import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { UsageError, type CliIO } from '../../../src/cli/command';
import { createRunCommand, shellWord } from '../../../src/cli/commands/run';
import { maxTokensField, modelLabels } from '../../../src/cli/commands/runArgs';
import {
  formatCount,
  formatDuration,
  progressLine,
  progressReporter,
  PROGRESS_LOG_INTERVAL_MS,
} from '../../../src/cli/commands/runProgress';
import { runCli } from '../../../src/cli/runCli';
import type { ResultRecord } from '../../../src/core/batch/batchTypes';
import { readResults } from '../../../src/core/batch/resultsFile';
import type { RunProgress } from '../../../src/core/batch/runBatch';
import { TempFolder } from '../curate/tempFiles';
import { buildWorkerBundle } from '../workerBundle';

const KEY = 'sk-unit-cli-run-5e8b2d7f1a';

const chat = (turns: readonly (readonly [string, string])[]): string =>
  JSON.stringify({ messages: turns.map(([role, content]) => ({ role, content })) });

/** Three chat examples and, on line 2, a line that is no prompt. */
const PROMPTS = [
  chat([
    ['system', 'Be brief.'],
    ['user', 'What is 2+2?'],
    ['assistant', '4'],
  ]),
  'not json',
  chat([
    ['user', 'Name a colour.'],
    ['assistant', 'Blue.'],
  ]),
  chat([
    ['user', 'Say hi.'],
    ['assistant', 'Hi.'],
  ]),
].join('\n');

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

describe('finetune-studio run (against the simulator)', function () {
  this.timeout(30_000);
  let simulator: Simulator;
  let temp: TempFolder;
  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
    temp = new TempFolder();
  });
  after(async () => {
    await simulator.close();
    temp.remove();
  });

  const chatRequests = () => simulator.requests.filter((request) => request.path.endsWith('/chat/completions'));

  async function run(
    args: readonly string[],
    env: Readonly<Record<string, string>> = { OPENAI_API_KEY: KEY },
    signal?: AbortSignal,
  ): Promise<Outcome> {
    const command = createRunCommand({ env, stderrIsTerminal: () => false, clientOptions: { maxRetries: 0 } });
    let out = '';
    let err = '';
    const io: CliIO = {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      cwd: temp.path,
      ...(signal === undefined ? {} : { signal }),
    };
    const code = await command.run(args, io);
    return { code, out, err };
  }

  const records = (name: string): ResultRecord[] =>
    readFileSync(join(temp.path, name), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ResultRecord);

  /** A results file's records as comparable facts: prompt source, reference, model label, answer. */
  const facts = (list: readonly ResultRecord[]) =>
    list
      .map((r) => [r.prompt.source, r.prompt.reference ?? null, r.model.label, r.response?.text ?? null] as const)
      .sort((a, b) => `${a[0]} ${a[2]}`.localeCompare(`${b[0]} ${b[2]}`));

  it('asks each prompt of each model, one record per pair, and asks nothing again when run again', async () => {
    temp.file(PROMPTS, 'two.jsonl');
    const args = ['two.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '-m', 'echo', '-o', 'two.results.jsonl'];
    const before = chatRequests().length;
    const first = await run([...args, '--temperature', '0.5', '--seed', '3', '--max-tokens', '40']);

    assert.equal(first.code, 0, first.err);
    assert.equal(chatRequests().length - before, 6);
    const written = records('two.results.jsonl');
    assert.deepEqual(facts(written), [
      ['line 1', '4', 'echo', 'What is 2+2?'],
      ['line 1', '4', 'sim-chat', 'Simulated reply to: What is 2+2?'],
      ['line 3', 'Blue.', 'echo', 'Name a colour.'],
      ['line 3', 'Blue.', 'sim-chat', 'Simulated reply to: Name a colour.'],
      ['line 4', 'Hi.', 'echo', 'Say hi.'],
      ['line 4', 'Hi.', 'sim-chat', 'Simulated reply to: Say hi.'],
    ]);
    const firstPrompt = written.find((r) => r.prompt.source === 'line 1' && r.model.label === 'sim-chat');
    assert.deepEqual(firstPrompt?.prompt.turns, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2+2?' },
    ]);
    assert.deepEqual(firstPrompt?.model, {
      label: 'sim-chat',
      connection: simulator.url,
      model: 'sim-chat',
      parameters: { temperature: 0.5, maxTokens: 40, seed: 3 },
    });
    assert.deepEqual(firstPrompt?.request, {
      model: 'sim-chat',
      temperature: 0.5,
      max_tokens: 40,
      seed: 3,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 2+2?' },
      ],
      stream: false,
    });
    assert.match(first.out, /^two\.results\.jsonl: 6 answered, 0 failed \(3 prompts × 2 models\)\n/);
    assert.match(first.out, /\n {2}sim-chat {2}3 answered, 0 failed, mean latency \d+ ms, \d+ tokens/);
    assert.match(first.out, /\n {2}echo {6}3 answered, 0 failed, mean latency \d+ ms, \d+ tokens/);
    assert.match(first.err, /1 input line skipped \(not prompts\):\n {2}line 2: it is not valid JSON/);

    const afterFirst = chatRequests().length;
    const second = await run([...args, '--temperature', '0.5', '--seed', '3', '--max-tokens', '40', '--json']);
    assert.equal(second.code, 0, second.err);
    assert.equal(chatRequests().length, afterFirst);
    assert.equal(records('two.results.jsonl').length, 6);
    const summary = JSON.parse(second.out) as {
      answered: number;
      failed: number;
      before: number;
      prompts: number;
      stopped: boolean;
      models: { label: string; answered: number; before: number; meanLatencyMs: number | null; totalTokens: number }[];
      skippedInput: { count: number; listed: { source: string; reason: string }[] };
    };
    assert.deepEqual(
      [summary.answered, summary.failed, summary.before, summary.prompts, summary.stopped],
      [0, 0, 6, 3, false],
    );
    assert.deepEqual(
      summary.models.map((m) => [m.label, m.answered, m.before, m.meanLatencyMs, m.totalTokens]),
      [
        ['sim-chat', 0, 3, null, 0],
        ['echo', 0, 3, null, 0],
      ],
    );
    assert.equal(summary.skippedInput.count, 1);
    // The reason's end is the JavaScript engine's own wording.
    assert.deepEqual(
      summary.skippedInput.listed.map((skip) => [skip.source, skip.reason.startsWith('it is not valid JSON (')]),
      [['line 2', true]],
    );
  });

  it('gives each model its own --params, over the options name by name, in requests and records', async () => {
    temp.file(PROMPTS, 'params.jsonl');
    const before = chatRequests().length;
    const result = await run([
      'params.jsonl',
      '--base-url',
      simulator.url,
      '-m',
      'sim-chat',
      '-m',
      'echo',
      '-o',
      'params.results.jsonl',
      '--temperature',
      '0.5',
      '--max-tokens',
      '40',
      '--params',
      'temperature=0.2 top_p=0.9 seed=7 presence_penalty=0.5 frequency_penalty=-0.5 stop=" to:" stop="\\n\\n"',
      '--params',
      'max_tokens=12',
    ]);
    assert.equal(result.code, 0, result.err);

    const sent = chatRequests()
      .slice(before)
      .map((request) => request.body as Record<string, unknown>);
    assert.equal(sent.length, 6);
    // Everything but the conversation: the model and its sampling parameters.
    const sampling = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'messages' && name !== 'stream'));
    const simChat = {
      model: 'sim-chat',
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 40,
      stop: [' to:', '\n\n'],
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
    };
    const echo = { model: 'echo', temperature: 0.5, max_tokens: 12 };
    assert.deepEqual(
      sent.map(sampling).sort((a, b) => String(a.model).localeCompare(String(b.model))),
      [echo, echo, echo, simChat, simChat, simChat],
    );

    const written = records('params.results.jsonl');
    assert.equal(written.length, 6);
    for (const record of written) {
      assert.deepEqual(
        record.model.parameters,
        record.model.label === 'sim-chat'
          ? {
              temperature: 0.2,
              maxTokens: 40,
              topP: 0.9,
              seed: 7,
              presencePenalty: 0.5,
              frequencyPenalty: -0.5,
              stop: [' to:', '\n\n'],
            }
          : { temperature: 0.5, maxTokens: 12 },
      );
    }
    // The stop sequence reached the server: sim-chat's answers end before " to:".
    const answers = written.filter((r) => r.model.label === 'sim-chat').map((r) => r.response?.text);
    assert.deepEqual(answers, ['Simulated reply', 'Simulated reply', 'Simulated reply']);
  });

  it('applies one --params to every model', async () => {
    temp.file(PROMPTS, 'one-params.jsonl');
    const before = chatRequests().length;
    const args = ['one-params.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '-m', 'echo', '--seed', '3'];
    const result = await run([...args, '-o', 'one-params.results.jsonl', '--params', 'seed=9 top_p=0.5']);
    assert.equal(result.code, 0, result.err);
    const sent = chatRequests()
      .slice(before)
      .map((request) => request.body as { seed?: unknown; top_p?: unknown });
    assert.deepEqual(
      sent.map((body) => [body.seed, body.top_p]),
      Array.from({ length: 6 }, () => [9, 0.5]),
    );
    for (const record of records('one-params.results.jsonl')) {
      assert.deepEqual(record.model.parameters, { seed: 9, topP: 0.5 });
    }
  });

  it('resumes a results file cut in its last line: exactly the missing pair is asked', async () => {
    temp.file(PROMPTS, 'cut.jsonl');
    // The same model twice: two labels, each resumed on its own.
    const args = ['cut.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '-m', 'sim-chat', '-o', 'cut.out.jsonl'];
    assert.equal((await run(args)).code, 0);
    const full = records('cut.out.jsonl');
    assert.deepEqual(full.map((r) => r.model.label).sort(), [
      'sim-chat',
      'sim-chat',
      'sim-chat',
      'sim-chat #2',
      'sim-chat #2',
      'sim-chat #2',
    ]);
    const last = full[full.length - 1]!;
    const path = join(temp.path, 'cut.out.jsonl');
    const size = readFileSync(path).length;
    truncateSync(path, size - 25);

    const before = chatRequests().length;
    const resumed = await run(args);
    assert.equal(resumed.code, 0, resumed.err);
    const asked = chatRequests().slice(before);
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]?.body, last.request);
    const after = records('cut.out.jsonl');
    assert.equal(after.length, 6);
    assert.deepEqual(facts(after), facts(full));
    assert.match(resumed.out, /: 1 answered, 0 failed, 5 answered before \(3 prompts × 2 models\)/);
  });

  it('keeps every finished record when stopped midway, says how to resume, and a rerun completes the rest', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ prompt: `question ${i}` }));
    temp.file(`${lines.join('\n')}\n`, 'ten.jsonl');
    const args = [
      'ten.jsonl',
      '--base-url',
      simulator.url,
      '-m',
      'sim-chat',
      '--concurrency',
      '1',
      '-o',
      'ten.out.jsonl',
    ];
    const before = chatRequests().length;
    const controller = new AbortController();
    let settled = false;
    const running = run(args, { OPENAI_API_KEY: KEY }, controller.signal).finally(() => (settled = true));
    // One request at a time: once the third arrives, the first two are written.
    while (chatRequests().length - before < 3 && !settled) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const stopped = await running;

    assert.equal(stopped.code, 1);
    assert.ok(
      stopped.err.includes(
        'Stopped. Every finished result is kept in ten.out.jsonl. To resume, run the same command again:\n' +
          `  finetune-studio run ten.jsonl --base-url ${simulator.url} -m sim-chat --concurrency 1 -o ten.out.jsonl\n`,
      ),
      stopped.err,
    );
    const kept = records('ten.out.jsonl');
    assert.ok(kept.length >= 2 && kept.length < 10, `${kept.length} records kept`);
    assert.equal(
      kept.every((r) => r.response !== undefined && r.error === undefined),
      true,
    );
    assert.match(stopped.out, new RegExp(`^ten\\.out\\.jsonl: ${kept.length} answered, 0 failed`));

    const beforeRerun = chatRequests().length;
    const rerun = await run(args);
    assert.equal(rerun.code, 0, rerun.err);
    assert.equal(chatRequests().length - beforeRerun, 10 - kept.length);
    const all = records('ten.out.jsonl');
    assert.deepEqual(all.map((r) => r.prompt.turns[0]?.content).sort(), lines.map((_, i) => `question ${i}`).sort());
  });

  it('exits 1 when a model fails, naming how many and the first error', async () => {
    temp.file(PROMPTS, 'fail.jsonl');
    const result = await run([
      'fail.jsonl',
      '--base-url',
      simulator.url,
      '-m',
      'sim-chat',
      '-m',
      'fault-500',
      '-o',
      'fail.out.jsonl',
    ]);
    assert.equal(result.code, 1);
    assert.match(result.out, /^fail\.out\.jsonl: 3 answered, 3 failed \(3 prompts × 2 models\)\n/);
    assert.match(result.out, /\n {2}fault-500 {2}0 answered, 3 failed, no latency, 0 tokens/);
    assert.match(result.out, /\n3 requests failed; the first \(fault-500, line \d\): .*\(500\)/);
    assert.match(result.err, /Run the same command again to ask the 3 failed pairs again\.\n/);
    const failed = records('fail.out.jsonl').filter((r) => r.error !== undefined);
    assert.deepEqual(
      failed.map((r) => [r.model.label, r.error?.status]),
      [
        ['fault-500', 500],
        ['fault-500', 500],
        ['fault-500', 500],
      ],
    );
  });

  it('sends the key from the named variable and never writes or prints it', async () => {
    temp.file(PROMPTS, 'key.jsonl');
    const before = chatRequests().length;
    const args = ['key.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '--api-key-env', 'MY_KEY'];
    const result = await run([...args, '-o', 'key.out.jsonl'], { MY_KEY: KEY });
    assert.equal(result.code, 0, result.err);
    const sent = chatRequests().slice(before);
    assert.deepEqual(
      sent.map((request) => request.headers.authorization),
      [`Bearer ${KEY}`, `Bearer ${KEY}`, `Bearer ${KEY}`],
    );
    const file = readFileSync(join(temp.path, 'key.out.jsonl'), 'utf8');
    for (const text of [file, result.out, result.err]) assert.equal(text.includes(KEY), false);

    // A wrong key is refused; the error records and messages do not repeat it either.
    const wrong = 'sk-wrong-key-0f4c9e2b71';
    const refused = await run([...args, '-o', 'wrong.out.jsonl'], { MY_KEY: wrong });
    assert.equal(refused.code, 1);
    assert.match(refused.out, /3 requests failed; the first \(sim-chat, line \d\): .*401/);
    const refusedFile = readFileSync(join(temp.path, 'wrong.out.jsonl'), 'utf8');
    for (const text of [refusedFile, refused.out, refused.err]) assert.equal(text.includes(wrong), false);

    await assert.rejects(run([...args, '-o', 'unset.out.jsonl'], {}), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, 'The environment variable MY_KEY (from --api-key-env) is not set or is empty.');
      return true;
    });
    // A key pasted where the variable's name goes is refused without being echoed.
    await assert.rejects(
      run(['key.jsonl', '--base-url', simulator.url, '-m', 'x', '--api-key-env', 'sk-abc-123', '-o', 'k.jsonl']),
      (error: unknown) => error instanceof UsageError && !error.message.includes('sk-abc-123'),
    );
  });

  it('refuses a file that is not a results file, and a folder that does not exist', async () => {
    temp.file(PROMPTS, 'refuse.jsonl');
    const dataset = temp.file(PROMPTS, 'dataset.jsonl');
    const args = ['refuse.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '-o'];
    await assert.rejects(
      run([...args, 'dataset.jsonl']),
      (error: unknown) => error instanceof UsageError && /is not a results file \(line 1 is/.test(error.message),
    );
    assert.equal(readFileSync(dataset, 'utf8'), PROMPTS);
    await assert.rejects(run([...args, 'missing/out.jsonl']), /the folder .*missing does not exist/);
  });
});

describe('finetune-studio run stopped by Ctrl+C (real process)', function () {
  this.timeout(60_000);
  let simulator: Simulator;
  let temp: TempFolder;
  let cli = '';
  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
    temp = new TempFolder();
    cli = buildWorkerBundle('src/cli/main.ts', temp.path, 'cli.js');
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ prompt: `question ${i}` }));
    temp.file(`${lines.join('\n')}\n`, 'many.jsonl');
  });
  after(async () => {
    await simulator.close();
    temp.remove();
  });

  it('exits 130, says how to resume, and the file holds only whole records', async () => {
    const chatRequests = () => simulator.requests.filter((request) => request.path.endsWith('/chat/completions'));
    const args = ['run', 'many.jsonl', '--base-url', simulator.url, '-m', 'sim-chat', '--concurrency', '1'];
    const child = spawn(process.execPath, [cli, ...args, '-o', 'many.out.jsonl'], {
      cwd: temp.path,
      env: { ...process.env, OPENAI_API_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited = false;
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exited = true;
        resolve(code);
      }),
    );
    while (chatRequests().length < 5 && !exited) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');

    assert.equal(await exit, 130, stderr);
    assert.ok(
      stderr.includes(
        'Stopped. Every finished result is kept in many.out.jsonl. To resume, run the same command again:\n' +
          `  finetune-studio run many.jsonl --base-url ${simulator.url} -m sim-chat --concurrency 1 -o many.out.jsonl\n`,
      ),
      stderr,
    );
    const read = await readResults(join(temp.path, 'many.out.jsonl'));
    assert.deepEqual(read.badLines, []);
    assert.ok(read.records.length >= 4 && read.records.length < 2000, `${read.records.length} records`);
    assert.equal(read.finished.size, read.records.length);
  });
});

describe('finetune-studio run: usage errors (exit 2)', () => {
  let temp: TempFolder;
  before(() => {
    temp = new TempFolder();
    temp.file(`${JSON.stringify({ prompt: 'hi' })}\n`, 'p.jsonl');
  });
  after(() => temp.remove());

  async function cli(args: readonly string[]): Promise<Outcome> {
    let out = '';
    let err = '';
    const code = await runCli(['run', ...args], {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      cwd: temp.path,
    });
    return { code, out, err };
  }
  const base = ['p.jsonl', '--base-url', 'http://127.0.0.1:9/v1'];

  it('no model, five models, -o the input, no -o, bad numbers, parameters and formats', async () => {
    const cases: [readonly string[], string][] = [
      [[...base, '-o', 'r.jsonl'], 'Give at least one --model.'],
      [
        [...base, '-m', 'a', '-m', 'b', '-m', 'c', '-m', 'd', '-m', 'e', '-o', 'r.jsonl'],
        'Give at most 4 models (--model was given 5 times).',
      ],
      [[...base, '-m', 'a', '-o', 'p.jsonl'], `Refusing to write ${join(temp.path, 'p.jsonl')}: it is the input`],
      [[...base, '-m', 'a', '-o', './sub/../p.jsonl'], 'it is the input'],
      [[...base, '-m', 'a'], 'Give the results file with -o'],
      [['p.jsonl', '-m', 'a', '-o', 'r.jsonl'], 'Give the server with --base-url URL.'],
      [['p.jsonl', '--base-url', 'ftp://x', '-m', 'a', '-o', 'r.jsonl'], '--base-url: The URL must start with http://'],
      [[...base, '-m', 'a', '-o', 'r.jsonl', '--concurrency', '0'], '--concurrency must be a whole number from 1'],
      [[...base, '-m', 'a', '-o', 'r.jsonl', '--temperature', '3'], '--temperature must be a number from 0 to 2'],
      [[...base, '-m', 'a', '-o', 'r.jsonl', '--format', 'xml'], '--format must be chat, prompts or csv'],
      [
        [...base, '-m', 'a', '-o', 'r.jsonl', '--params', 'top_p=1.5'],
        '--params: top_p must be a number from 0 to 1, not 1.5.',
      ],
      [
        [...base, '-m', 'a', '-m', 'b', '-o', 'r.jsonl', '--params', 'seed=1', '--params', 'temp=1'],
        '--params for b (model 2): Unknown parameter “temp”; the known ones are temperature, top_p,',
      ],
      [
        [...base, '-m', 'a', '-m', 'b', '-m', 'c', '-o', 'r.jsonl', '--params', 'seed=1', '--params', 'seed=2'],
        'Give one --params for every model, or one per --model in order: --params was given 2 times for 3 models.',
      ],
      [['-m', 'a', '--base-url', 'http://x', '-o', 'r.jsonl'], 'Give exactly one PROMPTS file.'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.ok(result.err.includes(message), `${args.join(' ')}\n${result.err}`);
      assert.match(result.err, /finetune-studio run PROMPTS --base-url URL/);
    }
  });

  it('lists every option in its help', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    for (const option of [
      '--base-url',
      '--api-key-env',
      '--model',
      '-o',
      '--concurrency',
      '--temperature',
      '--top-p',
      '--max-tokens',
      '--seed',
      '--params',
      '--system',
      '--format',
      '--column',
      '--reference-column',
      '--json',
    ]) {
      assert.ok(help.out.includes(option), option);
    }
  });
});

describe('finetune-studio run: labels, shell words and progress', () => {
  it('labels a repeated model with #2, #3', () => {
    assert.deepEqual(modelLabels(['a', 'b', 'a', 'a', 'a #2']), ['a', 'b', 'a #2', 'a #3', 'a #2 #2']);
  });

  it('sends max tokens as max_completion_tokens to OpenAI only', () => {
    const connection = { id: 'x', name: 'x', baseUrl: 'https://api.openai.com/v1' };
    assert.equal(maxTokensField({ ...connection, kind: 'openai' }), 'max_completion_tokens');
    assert.equal(maxTokensField({ ...connection, kind: 'compatible' }), 'max_tokens');
  });

  it('quotes words so a POSIX shell reads them back as they were', () => {
    assert.equal(shellWord('results.jsonl'), 'results.jsonl');
    assert.equal(shellWord("it's"), `'it'\\''s'`);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii' }), { minLength: 1, maxLength: 6 }), (words) => {
        const printed = execFileSync('sh', ['-c', `printf '%s\\n' ${words.map(shellWord).join(' ')}`], {
          encoding: 'utf8',
        });
        assert.deepEqual(printed, words.map((word) => `${word}\n`).join(''));
      }),
      { numRuns: 40 },
    );
  });

  const progress = (overrides: Partial<RunProgress> = {}): RunProgress => ({
    total: 40,
    done: 9,
    failed: 1,
    skipped: 5,
    inFlight: 2,
    promptTokens: 3000,
    completionTokens: 456,
    elapsedMs: 12_400,
    etaMs: 30_000,
    ...overrides,
  });

  it('formats a progress line', () => {
    assert.equal(progressLine(progress()), '14/40 done (5 before), 1 failed, 3,456 tokens, 0:12 elapsed, ETA 0:30');
    assert.equal(
      progressLine(progress({ skipped: 0, etaMs: undefined, elapsedMs: 3_723_000 })),
      '9/40 done, 1 failed, 3,456 tokens, 1:02:03 elapsed',
    );
    assert.equal(formatDuration(59_499), '0:59');
    assert.equal(formatCount(1_234_567), '1,234,567');
    assert.equal(formatCount(999), '999');
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    let text = '';
    const reporter = progressReporter((t) => (text += t), true);
    reporter.update(progress({ done: 1 }));
    reporter.update(progress({ done: 2 }));
    reporter.end();
    reporter.update(progress({ done: 3 }));
    assert.equal(
      text,
      '\r\u001b[2K6/40 done (5 before), 1 failed, 3,456 tokens, 0:12 elapsed, ETA 0:30' +
        '\r\u001b[2K7/40 done (5 before), 1 failed, 3,456 tokens, 0:12 elapsed, ETA 0:30' +
        '\r\u001b[2K',
    );
  });

  it('writes a plain line every interval elsewhere', () => {
    const lines: string[] = [];
    const reporter = progressReporter((t) => lines.push(t), false);
    const at = (elapsedMs: number) => reporter.update(progress({ elapsedMs, etaMs: undefined, skipped: 0 }));
    at(100);
    at(PROGRESS_LOG_INTERVAL_MS - 1);
    at(PROGRESS_LOG_INTERVAL_MS);
    at(PROGRESS_LOG_INTERVAL_MS + 100);
    at(3 * PROGRESS_LOG_INTERVAL_MS + 10);
    at(3 * PROGRESS_LOG_INTERVAL_MS + 20);
    reporter.end();
    assert.deepEqual(lines, [
      '9/40 done, 1 failed, 3,456 tokens, 0:05 elapsed\n',
      '9/40 done, 1 failed, 3,456 tokens, 0:15 elapsed\n',
    ]);
  });
});
