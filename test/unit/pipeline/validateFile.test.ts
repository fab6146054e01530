import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import type { Problem } from '../../../src/core/problem';
import { validateText } from '../../../src/core/validation/validateText';
import { sketchText } from '../../../src/core/validation/valueSketch';
import { workerFixture } from '../workerBundle';

const chat = (i: number, answer = `answer ${i}`) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: answer },
    ],
  });

/** A dataset with a problem of every kind the pipeline must carry across threads and put back in line order. */
function brokenDataset(examples: number): string {
  const lines: string[] = [];
  for (let i = 0; i < examples; i++) lines.push(chat(i));
  lines[3] = lines[3]!.replace('"assistant"', '"Assistant"');
  lines[7] = lines[7]!.slice(0, -5);
  lines[11] = '';
  lines[examples - 1] = lines[1]!;
  return `${lines.join('\n')}\n`;
}

describe('validateFile (streamed, parallel)', function () {
  const fixture = workerFixture('src/core/pipeline/lineWorker.ts', 'validate-worker.js');

  it('finds the same problems as in-memory validation, in line order, with and without worker threads', async () => {
    const text = brokenDataset(3000);
    const path = fixture.temp.file(text);
    const expected = validateText(text).problems.map(
      (p) => `${p.range.start.line}:${p.range.start.character}:${p.code}`,
    );
    const inThread = await validateFile(path, { maxProblemsPerCode: 10_000 });
    const parallel = await validateFile(path, {
      workerPath: fixture.workerPath,
      workers: 2,
      maxProblemsPerCode: 10_000,
    });
    for (const result of [inThread, parallel]) {
      assert.deepEqual(
        result.problems.map((p) => `${p.range.start.line}:${p.range.start.character}:${p.code}`),
        expected,
      );
      assert.equal(result.format, 'chat');
      assert.equal(result.lines, 3000);
      assert.equal(result.examples, 2998);
    }
    assert.deepEqual(inThread.counts, {
      'ft.role-case': 1,
      'ft.json-syntax': 1,
      'ft.blank-line': 1,
      'ft.duplicate-example': 1,
    });
  });

  it('counts tokens and computes statistics the same way on every thread count', async () => {
    const path = fixture.temp.file(
      `${Array.from({ length: 40 }, (_, i) => chat(i, i % 2 ? 'yes' : 'no, not today')).join('\n')}\n`,
    );
    const single = await validateFile(path, { model: 'gpt-4o-mini' });
    const parallel = await validateFile(path, { model: 'gpt-4o-mini', workerPath: fixture.workerPath, workers: 2 });
    assert.deepEqual(parallel.stats, single.stats);
    assert.equal(single.stats?.examples, 40);
    assert.equal(single.stats?.epochs, 3);
    assert.equal(single.stats?.limit, 65_536);
  });

  it('reports lines nested 100,000 levels deep (tool schema, content) and validates the rest, with tokens, on every thread count', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const lines = Array.from({ length: 12 }, (_, i) => chat(i));
    lines[4] = lines[4]!.replace(
      '"messages"',
      `"tools":[{"type":"function","function":{"name":"f","parameters":${deep}}}],"messages"`,
    );
    lines[6] = lines[6]!.replace('"Be brief."', deep);
    lines[8] = lines[8]!.replace('"assistant"', '"Assistant"');
    const path = fixture.temp.file(`${lines.join('\n')}\n`);
    for (const workers of [undefined, 2]) {
      const result = await validateFile(path, {
        model: 'gpt-4o-mini',
        workerPath: workers === undefined ? undefined : fixture.workerPath,
        workers,
      });
      assert.deepEqual(
        result.problems.map((p) => `${p.range.start.line}:${p.code}`),
        ['4:ft.nesting-too-deep', '6:ft.nesting-too-deep', '8:ft.role-case'],
      );
      assert.equal(result.stats?.examples, 10);
    }
  });

  it('reports an over-limit example and a line over the byte cap without failing', async () => {
    const long = JSON.stringify({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'word '.repeat(400) },
      ],
    });
    const path = fixture.temp.file(`${chat(0)}\n${long}\n${'x'.repeat(5000)}\n${chat(1)}\n`);
    // A model missing from the table gets the default limit.
    const result = await validateFile(path, {
      model: 'my-own-model',
      defaultExampleTokenLimit: 100,
      maxLineBytes: 4096,
      workerPath: fixture.workerPath,
      workers: 2,
    });
    assert.equal(result.counts['ft.token-limit'], 1);
    assert.equal(result.problems.find((p) => p.code === 'ft.token-limit')?.range.start.line, 1);
    assert.equal(result.stats?.overLimit, 1);
    assert.equal(result.counts['ft.line-too-long'], 1);
    assert.equal(result.problems.find((p) => p.code === 'ft.line-too-long')?.range.start.line, 2);
    assert.equal(result.lines, 4);
  });

  it('analyses a line too big for the workers on the calling thread, in order', async () => {
    const big = JSON.stringify({
      messages: [
        { role: 'user', content: 'long' },
        { role: 'assistant', content: 'please reset my router. '.repeat(220_000) },
      ],
    });
    const lines = [chat(0), big, ...Array.from({ length: 10 }, (_, i) => chat(i + 1)), big];
    const path = fixture.temp.file(`${lines.join('\n')}\n`);
    const result = await validateFile(path, {
      model: 'gpt-4o-mini',
      workerPath: fixture.workerPath,
      workers: 2,
      maxProblemsPerCode: 100,
    });
    assert.equal(result.examples, 13);
    assert.equal(result.stats?.examples, 13);
    // Both big lines are over the model's limit, and the second is a copy of the first.
    assert.deepEqual(
      result.problems.map((p) => `${p.range.start.line}:${p.code}`),
      ['1:ft.token-limit', '12:ft.duplicate-example', '12:ft.token-limit'],
    );
  });

  it('finds duplicates and conflicting answers exactly as in-memory validation does, however lines are written', async () => {
    const long = 'a'.repeat(2000);
    // Differs from `long` between the sketch's samples only: same sketch, different example.
    const twin = `${long.slice(0, 1001)}b${long.slice(1002)}`;
    assert.equal(sketchText(twin), sketchText(long));
    const answer = (content: string) => ({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content },
      ],
    });
    const lines = [
      JSON.stringify(answer(long)),
      JSON.stringify(answer(twin)),
      // The first example again, with other spacing and key order.
      '{ "messages" : [ {"content":"q", "role":"user"}, {"content":"' + long + '","role":"assistant"} ] }',
      JSON.stringify(answer('another answer')),
      ...Array.from({ length: 3000 }, (_, i) => chat(i % 1500, `answer ${i % 1500} ${'padding '.repeat(60)}`)),
      // The same answer written with an escape and without.
      '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\\u00e9"}]}',
      '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"é"}]}',
    ];
    const text = `${lines.join('\n')}\n`;
    const path = fixture.temp.file(text);
    const codes = new Set(['ft.duplicate-example', 'ft.conflicting-answers']);
    // Line, code and message first (what the assertions below read), then the whole range and the related lines.
    const described = (problems: readonly Problem[]) =>
      problems
        .filter((p) => codes.has(p.code))
        .map((p) => `${p.range.start.line}:${p.code}:${p.message}:${JSON.stringify([p.range, p.related])}`);
    const expected = described(validateText(text).problems);
    assert.ok(
      expected.some((p) => p.startsWith('2:ft.duplicate-example')),
      'the respaced, reordered copy is a copy',
    );
    assert.ok(
      expected.some((p) => p.startsWith(`${lines.length - 1}:ft.duplicate-example`)),
      'the unescaped copy is a copy',
    );
    assert.ok(!expected.some((p) => p.startsWith('1:ft.duplicate-example')), 'the twin is not a copy');
    assert.equal(expected.filter((p) => p.includes('duplicate')).length, 1 + 1500 + 1);
    for (const options of [{}, { workerPath: fixture.workerPath, workers: 2 }]) {
      const result = await validateFile(path, { ...options, maxProblemsPerCode: 100_000 });
      assert.deepEqual(described(result.problems), expected);
    }
  });

  it('caps the problems it keeps per code but counts them all', async () => {
    const path = fixture.temp.file(`${Array.from({ length: 500 }, () => '{').join('\n')}\n`);
    const result = await validateFile(path, { maxProblemsPerCode: 5, workerPath: fixture.workerPath });
    assert.equal(result.counts['ft.json-syntax'], 500);
    assert.equal(result.problems.filter((p) => p.code === 'ft.json-syntax').length, 5);
  });

  it('stops when aborted', async () => {
    const path = fixture.temp.file(brokenDataset(2000));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(validateFile(path, { signal: controller.signal, workerPath: fixture.workerPath }), {
      name: 'AbortError',
    });
  });
});

describe('validateFile on inputs that are not regular files', () => {
  it('refuses a FIFO with no writer at once instead of waiting for one forever (Validate File… has no other check)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-validate-fifo-'));
    try {
      const fifo = join(dir, 'data.jsonl');
      execFileSync('mkfifo', [fifo]);
      // Before the fix, the open of the file's head blocked until a writer came: this promise never settled.
      await assert.rejects(validateFile(fifo), /data\.jsonl: it is a (pipe \(FIFO\)|FIFO).*not a regular file/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
