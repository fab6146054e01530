import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { TempFolder } from '../curate/tempFiles';

const chat = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('CLI validate and stats', () => {
  let temp: TempFolder;
  let clean: string;
  let broken: string;
  before(() => {
    temp = new TempFolder();
    clean = temp.file(`${Array.from({ length: 12 }, (_, i) => chat(i)).join('\n')}\n`);
    broken = temp.file(`${chat(1)}\n{"messages": [}\n`);
  });
  after(() => temp.remove());

  it('prints file:line:col: severity code message and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await cli(['validate', broken], temp.path);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0]!, /^.+:1:1: error ft\.too-few-examples /);
    assert.match(lines[1]!, /^.+:2:15: error ft\.json-syntax /);
    assert.match(stderr, /2 errors/);
    // Counts of one read in the singular ("1 example in 2 lines", not "1 examples").
    assert.match(stderr, /: 1 example in 2 lines, format chat: 2 errors, 0 warnings, 0 notes/);
  });

  it('exits 0 on a clean file', async () => {
    const { code, stdout } = await cli(['validate', clean, '--no-tokens'], temp.path);
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });

  it('writes GitHub annotations and JSON', async () => {
    const github = await cli(['validate', broken, '--format', 'github'], temp.path);
    assert.match(github.stdout, /^::error file=.+,line=2,col=15,endLine=2,endColumn=\d+,title=ft\.json-syntax::/m);
    const json = await cli(['validate', broken, '--format', 'json'], temp.path);
    const report = JSON.parse(json.stdout) as {
      files: { errors: number; problems: { code: string; line: number }[] }[];
    };
    assert.equal(report.files[0]!.errors, 2);
    assert.deepEqual(
      report.files[0]!.problems.map((p) => [p.line, p.code]),
      [
        [1, 'ft.too-few-examples'],
        [2, 'ft.json-syntax'],
      ],
    );
  });

  it('stats --json has every documented field with hand-checked values', async () => {
    const { code, stdout } = await cli(['stats', clean, '--model', 'gpt-4o-mini', '--json'], temp.path);
    assert.equal(code, 0);
    const stats = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      'format',
      'examples',
      'errors',
      'warnings',
      'missingSystem',
      'missingUser',
      'messagesPerExample',
      'totalTokensPerExample',
      'assistantTokensPerExample',
      'overLimit',
      'billingTokens',
      'epochs',
      'chargedTokens',
      'estimatedCostUSD',
    ]) {
      assert.ok(key in stats, `missing ${key}`);
    }
    assert.equal(stats.format, 'chat');
    assert.equal(stats.examples, 12);
    assert.equal(stats.missingSystem, 12);
    // 12 examples: ceil(100 / 12) = 9 epochs by the default heuristic.
    assert.equal(stats.epochs, 9);
    assert.equal(stats.chargedTokens, (stats.billingTokens as number) * 9);
    assert.deepEqual(stats.messagesPerExample, { min: 2, max: 2, mean: 2, median: 2, p5: 2, p95: 2 });
  });

  it('rejects bad usage with exit 2', async () => {
    assert.equal((await cli(['validate'], temp.path)).code, 2);
    assert.equal((await cli(['validate', clean, '--format', 'xml'], temp.path)).code, 2);
    assert.equal((await cli(['stats', clean, '--dataset-format', 'nope'], temp.path)).code, 2);
  });

  it('escapes terminal control characters from data and file names in every validate and stats report', async () => {
    // ESC (C0), CSI as one C1 character, DEL and a right-to-left override: in a key name, a role and the file name.
    const hostile = '\u001b[31m\u009b2J\u007f\u202e';
    const lines = Array.from({ length: 12 }, (_, i) => chat(i));
    lines[3] = JSON.stringify({ [hostile]: 1, messages: [{ role: hostile, content: 'x' }] });
    lines[4] = `{"messages": ${hostile}}`;
    const file = temp.file(`${lines.join('\n')}\n`, `bad${hostile}.jsonl`);
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    for (const args of [
      ['validate', file],
      ['validate', file, '--format', 'github'],
      ['validate', file, '--format', 'json'],
      ['stats', file, '--model', `gpt-4o-mini${hostile}`],
      ['stats', file, '--model', `gpt-4o-mini${hostile}`, '--json'],
    ]) {
      const { stdout, stderr } = await cli(args, temp.path);
      assert.doesNotMatch(stdout, unsafe, args.join(' '));
      assert.doesNotMatch(stderr, unsafe, args.join(' '));
      assert.match(stdout + stderr, /\\u001b|\\u009b/, args.join(' '));
    }
    for (const command of ['validate', 'stats']) {
      const missing = await cli([command, `missing${hostile}.jsonl`], temp.path);
      assert.equal(missing.code, 1, command);
      assert.match(missing.stderr, /missing\\u001b\[31m/, command);
      assert.doesNotMatch(missing.stderr, unsafe, command);
    }
    const json = await cli(['validate', file, '--format', 'json'], temp.path);
    const report = JSON.parse(json.stdout) as { files: { file: string }[] };
    assert.equal(report.files[0]!.file, `bad${hostile}.jsonl`, 'the JSON still holds the exact name');
  });

  it('warns once about an unknown model, naming the limit and price used; Azure names are known', async () => {
    for (const command of ['validate', 'stats']) {
      const unknown = await cli([command, clean, '--model', 'foo'], temp.path);
      assert.match(
        unknown.stderr,
        /^warning: unknown model 'foo': using the default 65,536-token example limit and no price$/m,
        command,
      );
      const azure = await cli([command, clean, '--model', 'gpt-35-turbo'], temp.path);
      assert.doesNotMatch(azure.stderr, /^warning:/m, command);
    }
    const stats = await cli(['stats', clean, '--model', 'gpt-35-turbo', '--json'], temp.path);
    assert.equal((JSON.parse(stats.stdout) as { model: string }).model, 'gpt-3.5-turbo-0125');
    assert.doesNotMatch(
      (await cli(['validate', clean, '--model', 'foo', '--no-tokens'], temp.path)).stderr,
      /^warning:/m,
    );
  });

  it('reports a line nested 100,000 levels deep and goes on; stats still counts the other examples', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const lines = Array.from({ length: 12 }, (_, i) => chat(i));
    lines[5] = `{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deep}}}]}`;
    const file = temp.file(`${lines.join('\n')}\n`);
    const validate = await cli(['validate', file], temp.path);
    assert.equal(validate.code, 1);
    assert.match(validate.stdout, /:6:1: error ft\.nesting-too-deep JSON nested deeper than 500 levels/);
    const stats = await cli(['stats', file, '--json'], temp.path);
    assert.equal(stats.code, 0);
    assert.equal((JSON.parse(stats.stdout) as { examples: number }).examples, 11);
  });

  it('prints the version', async () => {
    const { code, stdout } = await cli(['--version'], temp.path);
    assert.equal(code, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
