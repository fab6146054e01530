import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { convertTaskHandlers } from '../../../src/core/worker/convertTasks';
import type { ConvertTask, ConvertTaskResult, TaskContext } from '../../../src/core/worker/taskProtocol';
import { runTaskInWorker } from '../../../src/core/worker/runTaskInWorker';
import { TempFolder, readText } from '../curate/tempFiles';
import { workerFixture } from '../workerBundle';

/** The worker's convert handler, run in-process. */
const convertFile = (task: ConvertTask, context: TaskContext) => convertTaskHandlers.convert(task, context);

// Conversation "a" comes with its turns swapped, "b" has no answer, "c" has quoted cells.
const SUPPORT_CSV = [
  'conversation_id,turn,customer,agent',
  'a,2,Second question,Second answer',
  'a,1,First question,First answer',
  'b,1,Unanswered question,',
  'c,1,"Quoted, with comma","Answer ""quoted"""',
  '',
].join('\n');
const A_LINE =
  '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"First question"},{"role":"assistant","content":"First answer"},{"role":"user","content":"Second question"},{"role":"assistant","content":"Second answer"}]}';
const C_LINE =
  '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Quoted, with comma"},{"role":"assistant","content":"Answer \\"quoted\\""}]}';
const CSV_MAPPING = {
  userColumn: 'customer',
  assistantColumn: 'agent',
  idColumn: 'conversation_id',
  orderColumn: 'turn',
  system: 'Be brief.',
};

const TWCS_CSV = [
  'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
  '1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@AcmeHelp my order is late,2,',
  '2,AcmeHelp,False,Tue Oct 31 22:12:47 +0000 2017,@115712 Sorry! It ships today. ^JS https://t.co/abc123,,1',
  '',
].join('\n');

const chatLine = (user: string, assistant: string): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  });

function context(signal = new AbortController().signal, progress: Array<[number, number]> = []): TaskContext {
  return { signal, onProgress: (done, total) => progress.push([done, total]) };
}

describe('convert task (in-process)', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  it('converts a CSV with conversation ids and turn order into chat lines and reports the skipped row', async () => {
    const input = temp.file(SUPPORT_CSV, 'support.csv');
    const output = temp.target('support.chat.jsonl');
    const progress: Array<[number, number]> = [];

    const result = await convertFile(
      { kind: 'convert', input, output, spec: { from: 'csv', to: 'chat', csv: { mapping: CSV_MAPPING } } },
      context(undefined, progress),
    );

    assert.equal(readText(output), `${A_LINE}\n${C_LINE}\n`);
    assert.deepEqual(result, {
      read: 4,
      converted: 3,
      written: 2,
      skipped: [{ line: 4, reason: 'assistant cell is empty' }],
      skippedCount: 1,
      warnings: [],
      output,
    });
    const size = Buffer.byteLength(SUPPORT_CSV);
    assert.deepEqual(progress[progress.length - 1], [size, size]);
  });

  it('converts TWCS threads, reading tweet texts back by offset', async () => {
    const input = temp.file(TWCS_CSV, 'twcs.csv');
    const output = temp.target('twcs.chat.jsonl');
    const twcs = { stripMentions: true, stripSignoffs: true, stripLinks: true, systemPrompt: 'You are {brand}.' };

    const result = await convertFile(
      { kind: 'convert', input, output, spec: { from: 'twcs', to: 'chat', twcs } },
      context(),
    );

    const expected = {
      messages: [
        { role: 'system', content: 'You are AcmeHelp.' },
        { role: 'user', content: 'my order is late' },
        { role: 'assistant', content: 'Sorry! It ships today.' },
      ],
    };
    assert.equal(readText(output), `${JSON.stringify(expected)}\n`);
    assert.equal(result.read, 2);
    assert.equal(result.written, 1);
  });

  it('writes no file, and leaves an existing output alone, when nothing converts', async () => {
    const input = temp.file('{"foo":1}\nnot json\n', 'odd.jsonl');
    const output = temp.file('old\n', 'odd.chat.jsonl');

    const result = await convertFile(
      { kind: 'convert', input, output, spec: { from: 'sharegpt', to: 'chat' } },
      context(),
    );

    assert.equal(result.output, undefined);
    assert.equal(result.written, 0);
    assert.equal(result.skippedCount, 2);
    assert.deepEqual(
      result.skipped.map((row) => row.line),
      [1, 2],
    );
    assert.equal(result.skipped[0]!.reason, 'no "conversations" list');
    assert.equal(readText(output), 'old\n');
  });

  it('refuses to write over its input before reading it', async () => {
    const input = temp.file(`${chatLine('q', 'a')}\n`);
    await assert.rejects(
      convertFile({ kind: 'convert', input, output: input, spec: { from: 'chat', to: 'sharegpt' } }, context()),
      { name: 'ProtectedPathError' },
    );
    assert.equal(readText(input), `${chatLine('q', 'a')}\n`);
  });

  it('stops on an aborted signal without leaving files behind', async () => {
    const input = temp.file(SUPPORT_CSV, 'support.csv');
    const controller = new AbortController();
    controller.abort();

    await assert.rejects(
      convertFile(
        {
          kind: 'convert',
          input,
          output: temp.target('support.chat.jsonl'),
          spec: { from: 'csv', to: 'chat', csv: { mapping: CSV_MAPPING } },
        },
        context(controller.signal),
      ),
      { name: 'AbortError' },
    );
    assert.deepEqual(readdirSync(temp.path), ['support.csv']);
  });
});

describe('convert task (real worker thread)', function () {
  const fixture = workerFixture('src/core/worker/taskWorker.ts', 'task-worker.js');

  it('converts a CSV and passes the report and output path back', async () => {
    const input = fixture.temp.file(SUPPORT_CSV, 'support.csv');
    const output = join(fixture.temp.path, 'support.chat.jsonl');

    const result: ConvertTaskResult = await runTaskInWorker(fixture.workerPath, {
      kind: 'convert',
      input,
      output,
      spec: { from: 'csv', to: 'chat', csv: { mapping: CSV_MAPPING } },
    });

    assert.equal(readText(output), `${A_LINE}\n${C_LINE}\n`);
    assert.deepEqual(result, {
      read: 4,
      converted: 3,
      written: 2,
      skipped: [{ line: 4, reason: 'assistant cell is empty' }],
      skippedCount: 1,
      warnings: [],
      output,
    });
  });

  it('exports chat to ShareGPT', async () => {
    const input = fixture.temp.file(
      `${chatLine('Hi', 'Hello!')}\n{"messages":[{"role":"user","content":"no answer"}]}\n`,
      'chat.jsonl',
    );
    const output = join(fixture.temp.path, 'chat.sharegpt.jsonl');

    const result = await runTaskInWorker(fixture.workerPath, {
      kind: 'convert',
      input,
      output,
      spec: { from: 'chat', to: 'sharegpt' },
    });

    assert.equal(
      readText(output),
      '{"conversations":[{"from":"human","value":"Hi"},{"from":"gpt","value":"Hello!"}]}\n',
    );
    assert.equal(result.written, 1);
    assert.deepEqual(result.skipped, [{ line: 2, reason: 'no non-empty assistant message' }]);
  });

  it('cancels mid-run: rejects with an AbortError and leaves only the input', async () => {
    const folder = new TempFolder();
    try {
      const rows = ['customer,agent'];
      for (let i = 0; i < 200_000; i++)
        rows.push(`question number ${i} about an order,answer number ${i} about the order`);
      const input = folder.file(`${rows.join('\n')}\n`, 'big.csv');
      const controller = new AbortController();

      const run = runTaskInWorker(
        fixture.workerPath,
        {
          kind: 'convert',
          input,
          output: join(folder.path, 'big.chat.jsonl'),
          spec: { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'customer', assistantColumn: 'agent' } } },
        },
        {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        },
      );

      await assert.rejects(run, { name: 'AbortError' });
      assert.deepEqual(readdirSync(folder.path), ['big.csv']);
    } finally {
      folder.remove();
    }
  });

  it('surfaces a setup problem (a column that is not there) with its name and message', async () => {
    const input = fixture.temp.file(SUPPORT_CSV, 'setup.csv');
    const output = join(fixture.temp.path, 'setup.chat.jsonl');

    await assert.rejects(
      runTaskInWorker(fixture.workerPath, {
        kind: 'convert',
        input,
        output,
        spec: { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'question', assistantColumn: 'agent' } } },
      }),
      {
        name: 'ConvertSetupError',
        message: 'No user column "question": columns are "conversation_id", "turn", "customer", "agent".',
      },
    );
    assert.ok(!existsSync(output));
  });
});
