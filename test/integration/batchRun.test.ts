import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { RunBatchAnswers, RunBatchResult } from '../../src/batch/batchAnswers';
import { pairKey, type ResultRecord } from '../../src/core/batch/batchTypes';
import { parseResult } from '../../src/core/batch/resultsFile';
import { activateExtension, examplesFolder } from './harness';

const ID = 'it-batch-simulator';
// Long enough and unlike any other text, so finding it in a results file means it leaked.
const KEY = 'sk-batch-integration-4e7a2c9b1d3f5a60';

const chatLine = (i: number): string =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });

/** Three chat examples; line 3 is blank (passed over, still counted in line numbers). */
const PROMPTS = `${chatLine(1)}\n${chatLine(2)}\n\n${chatLine(3)}\n`;

const runBatch = (input: vscode.Uri, answers: RunBatchAnswers) =>
  vscode.commands.executeCommand<RunBatchResult | undefined>('fineTuneStudio.runBatch', input, answers);

function recordsOf(file: string): ResultRecord[] {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.endsWith('\n'), 'the results file ends with a whole line');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      const record = parseResult(line);
      assert.ok(record, `line ${i + 1} is a result record: ${line}`);
      return record;
    });
}

const pairsOf = (records: readonly ResultRecord[]): string[] =>
  records.map((record) => pairKey(record.prompt.key, record.model.label)).sort();

describe('run batch', () => {
  let simulator: Simulator;
  let folder: string;
  let input: vscode.Uri;
  const models = [
    { connection: ID, model: 'sim-chat' },
    { connection: ID, model: 'echo', parameters: { temperature: 0 } },
  ];
  const output = (name: string): string => path.join(folder, name);
  const chatRequests = (): number =>
    simulator.requests.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions').length;

  before(async () => {
    await activateExtension();
    simulator = await startSimulator({ apiKey: KEY });
    await vscode.commands.executeCommand('fineTuneStudio.addConnection', {
      id: ID,
      kind: 'compatible',
      name: 'Batch simulator',
      baseUrl: simulator.url,
      apiKey: KEY,
    });
    folder = path.join(examplesFolder(), `batch-run-test-${Date.now()}`);
    mkdirSync(folder);
    const file = path.join(folder, 'prompts.jsonl');
    writeFileSync(file, PROMPTS);
    input = vscode.Uri.file(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await simulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('asks every prompt of each model and writes one record per pair, beside the input by default', async () => {
    const asked = chatRequests();
    const result = await runBatch(input, { models });

    const file = output('prompts.results.jsonl');
    assert.ok(result);
    assert.equal(result.output.fsPath, vscode.Uri.file(file).fsPath);
    assert.equal(result.prompts, 3);
    assert.equal(result.stopped, false);
    assert.deepEqual(
      { ...result.progress, elapsedMs: 0, etaMs: 0 },
      {
        total: 6,
        done: 6,
        failed: 0,
        skipped: 0,
        inFlight: 0,
        promptTokens: 6 * 4,
        completionTokens: 3 * 5 + 3 * 2,
        elapsedMs: 0,
        etaMs: 0,
      },
    );
    assert.equal(chatRequests() - asked, 6);

    const records = recordsOf(file);
    assert.equal(records.length, 6);
    assert.equal(new Set(pairsOf(records)).size, 6, 'one record per (prompt, model) pair');
    const byPair = new Map(records.map((record) => [`${record.prompt.source} ${record.model.label}`, record]));
    const simChat = byPair.get('line 4 sim-chat');
    assert.ok(simChat, `records: ${[...byPair.keys()].join(', ')}`);
    assert.equal(simChat.response?.text, 'Simulated reply to: question 3');
    assert.equal(simChat.error, undefined);
    assert.equal(simChat.prompt.reference, 'answer 3');
    assert.equal(simChat.prompt.index, 2);
    assert.deepEqual(simChat.prompt.turns, [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'question 3' },
    ]);
    assert.deepEqual(simChat.model, { label: 'sim-chat', connection: ID, model: 'sim-chat', parameters: {} });
    const echo = byPair.get('line 1 echo');
    assert.equal(echo?.response?.text, 'question 1');
    assert.equal(echo?.request['temperature'], 0);
    assert.equal(echo?.request['model'], 'echo');

    const sent = simulator.requests.filter((request) => request.path === '/v1/chat/completions').at(-1);
    assert.equal(sent?.headers.authorization, `Bearer ${KEY}`, 'the connection key went to its server');
    assert.ok(!readFileSync(file, 'utf8').includes(KEY), 'the key is not in the results');
  });

  it('resumed on the same results file, asks nothing and leaves the file byte for byte', async () => {
    const file = output('prompts.results.jsonl');
    const before = readFileSync(file);
    const asked = chatRequests();

    const result = await runBatch(input, { models, output: file });

    assert.ok(result);
    assert.deepEqual(
      { done: result.progress.done, failed: result.progress.failed, skipped: result.progress.skipped },
      { done: 0, failed: 0, skipped: 6 },
    );
    assert.equal(chatRequests() - asked, 0);
    assert.deepEqual(readFileSync(file), before);
  });

  it('cancelled after two records keeps them, and running again asks exactly the rest', async () => {
    const file = output('cancelled.results.jsonl');
    let asked = chatRequests();

    const stopped = await runBatch(input, { models, output: file, concurrency: 1, cancelAfter: 2 });

    assert.ok(stopped);
    assert.equal(stopped.stopped, true);
    assert.equal(stopped.progress.done, 2);
    // One request at a time: the stop comes as the second record is written, before a third is sent.
    assert.equal(chatRequests() - asked, 2);
    const kept = recordsOf(file);
    assert.equal(kept.length, 2);

    asked = chatRequests();
    const resumed = await runBatch(input, { models, output: file });

    assert.ok(resumed);
    assert.equal(resumed.stopped, false);
    assert.deepEqual(
      { done: resumed.progress.done, failed: resumed.progress.failed, skipped: resumed.progress.skipped },
      { done: 4, failed: 0, skipped: 2 },
    );
    assert.equal(chatRequests() - asked, 4);
    const records = recordsOf(file);
    assert.deepEqual(records.slice(0, 2), kept, 'the records of the first run are kept as they were');
    assert.equal(records.length, 6);
    assert.equal(new Set(pairsOf(records)).size, 6);
  });

  it('stops before asking anything when the caller has already aborted, creating no results file', async () => {
    const file = output('aborted.results.jsonl');
    const controller = new AbortController();
    controller.abort();

    const result = await runBatch(input, { models, output: file, signal: controller.signal });

    assert.equal(result?.stopped, true);
    assert.equal(result?.progress.done, 0);
    assert.equal(existsSync(file), false);
  });

  it('writes failed pairs as records with the error, and asks only them again on resume', async () => {
    const file = output('failing.results.jsonl');
    const failing = [
      { connection: ID, model: 'sim-chat' },
      { connection: ID, model: 'fault-401' },
    ];
    const first = await runBatch(input, { models: failing, output: file });

    assert.ok(first);
    assert.deepEqual({ done: first.progress.done, failed: first.progress.failed }, { done: 3, failed: 3 });
    const errors = recordsOf(file).filter((record) => record.error !== undefined);
    assert.deepEqual(
      errors.map((record) => [record.model.label, record.error?.status, record.response]),
      [
        ['fault-401', 401, undefined],
        ['fault-401', 401, undefined],
        ['fault-401', 401, undefined],
      ],
    );
    assert.ok(!readFileSync(file, 'utf8').includes(KEY), 'no key in an error message either');

    const asked = chatRequests();
    const again = await runBatch(input, { models: failing, output: file });

    assert.ok(again);
    assert.deepEqual(
      { done: again.progress.done, failed: again.progress.failed, skipped: again.progress.skipped },
      { done: 0, failed: 3, skipped: 3 },
    );
    assert.equal(chatRequests() - asked, 3);
    assert.equal(recordsOf(file).length, 9);
  });

  it('replaces earlier results when the answers say resume: false', async () => {
    const file = output('prompts.results.jsonl');
    const asked = chatRequests();

    const result = await runBatch(input, { models, output: file, resume: false });

    assert.ok(result);
    assert.equal(result.progress.done, 6);
    assert.equal(result.progress.skipped, 0);
    assert.equal(chatRequests() - asked, 6);
    assert.equal(recordsOf(file).length, 6);
  });

  it('leaves alone an output that is not a results file, and never writes into the input', async () => {
    const file = output('notes.jsonl');
    writeFileSync(file, 'not a result\n');
    const asked = chatRequests();

    assert.equal(await runBatch(input, { models, output: file }), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'not a result\n');
    assert.equal(await runBatch(input, { models, output: input.fsPath }), undefined);
    assert.equal(readFileSync(input.fsPath, 'utf8'), PROMPTS);
    assert.equal(chatRequests() - asked, 0);
  });

  it('refuses unknown connections and more than four models before asking anything', async () => {
    const file = output('refused.results.jsonl');
    const asked = chatRequests();

    assert.equal(
      await runBatch(input, { models: [{ connection: 'no-such-connection', model: 'm' }], output: file }),
      undefined,
    );
    const five = Array.from({ length: 5 }, () => ({ connection: ID, model: 'sim-chat' }));
    assert.equal(await runBatch(input, { models: five, output: file }), undefined);
    assert.equal(await runBatch(input, { models: [], output: file }), undefined);
    assert.equal(chatRequests() - asked, 0);
  });
});
