import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OpenAI from 'openai';
import type { ResultRecord } from '../../../src/core/batch/batchTypes';
import { serializeResult } from '../../../src/core/batch/resultsFile';
import { validateText } from '../../../src/core/validation/validateText';
import { EvaluationSession, type EvaluationBackend } from '../../../src/evaluation/evaluationHandlers';
import { outcomeOfChoice } from '../../../src/evaluation/pairStandings';
import { FIRST_ROWS_RECORDS } from '../../../src/evaluation/resultsLoading';
import { parseJudgement, parseVote, readSidecar } from '../../../src/evaluation/sidecars';
import type { RequestContext } from '../../../src/panels/webviewHost';
import type { EvaluationInfo, JudgeProgress } from '../../../src/protocol/evaluation';
import { appendExampleToFile } from './appendExampleToFile';
import { prompt, record } from './fixtures';

function context<Chunk>(signal = new AbortController().signal): { chunks: Chunk[]; value: RequestContext<Chunk> } {
  const chunks: Chunk[] = [];
  return { chunks, value: { signal, stream: (chunk) => chunks.push(chunk) } };
}

/** A client whose every chat completion is `reply` (or a function of the request's user message). */
function fakeClient(reply: (user: string) => string, calls: string[] = []): OpenAI {
  return {
    apiKey: 'sk-test',
    baseURL: 'http://judge.test/v1',
    chat: {
      completions: {
        create: (body: { messages: { content: string }[] }) => {
          const user = body.messages[1]!.content;
          calls.push(user);
          return Promise.resolve({ choices: [{ message: { content: reply(user) } }] });
        },
      },
    },
  } as unknown as OpenAI;
}

describe('evaluation session', () => {
  let folder: string;
  let resultsPath: string;
  let changes: EvaluationInfo[];
  let targets: string[];

  const records: ResultRecord[] = [];
  for (let i = 0; i < 12; i++) {
    records.push(record(prompt(i), 'alpha', { text: `Alpha says ${i}.` }));
    records.push(record(prompt(i), 'beta', i === 3 ? { error: 'Server error' } : { text: `Beta says ${i}.` }));
  }

  function session(overrides: Partial<EvaluationBackend> = {}): EvaluationSession {
    return new EvaluationSession({
      resultsPath,
      resultsUri: `file://${resultsPath}`,
      connections: () => [{ id: 'sim', name: 'Simulator' }],
      clientFor: () => Promise.resolve(fakeClient(() => '{"winner": "1", "reason": "Clearer."}')),
      pickExampleTarget: () => Promise.resolve(targets.shift()),
      pickDistilTarget: () => Promise.resolve(targets.shift()),
      appendExample: appendExampleToFile,
      changed: (info) => changes.push(info),
      random: () => 0.25,
      now: () => new Date('2026-12-06T12:00:00.000Z'),
      ...overrides,
    });
  }

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'eval-session-'));
    resultsPath = join(folder, 'run.results.jsonl');
    await writeFile(resultsPath, records.map((r) => `${serializeResult(r)}\n`).join(''));
    changes = [];
    targets = [];
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('answers the first rows of a large file before the rest is read, then tells the page twice', async () => {
    // Long answers so the file spans several 1 MB reads, with enough records in the first for a page.
    const padding = 'x'.repeat(1_500);
    const many: ResultRecord[] = [];
    for (let i = 0; i < 2_000; i++) {
      many.push(record(prompt(i), 'alpha', { text: `Alpha ${i} ${padding}` }));
      many.push(record(prompt(i), 'beta', { text: `Beta ${i}` }));
    }
    await writeFile(resultsPath, many.map((r) => `${serializeResult(r)}\n`).join(''));
    const s = session();
    const loaded = s.load();
    const handlers = s.handlers();
    const first = await handlers.info({}, context<never>().value);
    assert.ok(first.reading, 'the file is still being read');
    assert.ok(first.reading.bytesRead < first.reading.byteLength);
    assert.ok(first.rowCount >= FIRST_ROWS_RECORDS / 2 && first.rowCount < 2_000, `${first.rowCount} rows so far`);
    assert.equal(first.summaries, undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = await handlers.info({}, context<never>().value);
    assert.deepEqual(waiting.reading, first.reading, 'the read waits for the page to fetch its first rows');
    const rows = await handlers.rows({ start: 0, count: 3 }, context<never>().value);
    assert.deepEqual(
      rows.map((r) => [r.position, r.source]),
      [
        [0, 'line 1'],
        [1, 'line 2'],
        [2, 'line 3'],
      ],
    );
    await loaded;
    assert.deepEqual(
      changes.map((c) => [c.rowCount, c.reading === undefined, c.summaries?.map((m) => m.answered)]),
      [
        [2_000, true, undefined],
        [2_000, true, [2_000, 2_000]],
      ],
    );
  });

  it('tells the page once, with the metrics, after reading a small file whole', async () => {
    const s = session();
    const loaded = s.load();
    const info = await s.handlers().info({}, context<never>().value);
    assert.equal(info.reading, undefined);
    assert.equal(info.rowCount, 12);
    await loaded;
    assert.deepEqual(
      changes.map((c) => c.summaries?.length),
      [2],
    );
  });

  it('answers info and row ranges from one read of the file', async () => {
    const s = session();
    await s.load();
    const handlers = s.handlers();
    const info = await handlers.info({}, context<never>().value);
    assert.equal(info.fileName, 'run.results.jsonl');
    assert.equal(info.rowCount, 12);
    assert.deepEqual(info.models, ['alpha', 'beta']);
    assert.deepEqual(
      info.summaries?.map((m) => [m.label, m.answered, m.errors]),
      [
        ['alpha', 12, 0],
        ['beta', 11, 1],
      ],
    );
    const rows = await handlers.rows({ start: 2, count: 2 }, context<never>().value);
    assert.deepEqual(
      rows.map((row) => [row.position, row.source, row.answers.map((a) => a?.text ?? a?.error)]),
      [
        [2, 'line 3', ['Alpha says 2.', 'Beta says 2.']],
        [3, 'line 4', ['Alpha says 3.', 'Server error']],
      ],
    );
    assert.equal((await handlers.rows({ start: 11, count: 5 }, context<never>().value)).length, 1);
  });

  it('refuses a file with no result records', async () => {
    await writeFile(resultsPath, '{"messages": []}\n');
    await assert.rejects(session().load(), /is not a batch results file/);
  });

  it('maps blind votes back to the models shown', () => {
    assert.equal(outcomeOfChoice('1', ['beta', 'alpha'], 'alpha'), 'b');
    assert.equal(outcomeOfChoice('2', ['beta', 'alpha'], 'alpha'), 'a');
    assert.equal(outcomeOfChoice('1', ['alpha', 'beta'], 'alpha'), 'a');
    assert.equal(outcomeOfChoice('tie', ['alpha', 'beta'], 'alpha'), 'tie');
    assert.equal(outcomeOfChoice('bothBad', ['alpha', 'beta'], 'alpha'), 'bothBad');
    assert.equal(outcomeOfChoice('skip', ['alpha', 'beta'], 'alpha'), 'skip');
  });

  it('reviews unlabeled pairs, records votes in the sidecar and keeps a running win rate', async () => {
    const s = session({ random: () => 0.75 });
    await s.load();
    const h = s.handlers();
    const first = await h.reviewNext({ a: 0, b: 1, from: -1 }, context<never>().value);
    assert.ok(first);
    assert.equal(first.position, 0);
    assert.equal(first.remaining, 11);
    // random ≥ 0.5 shows beta first.
    assert.deepEqual(first.answers, ['Beta says 0.', 'Alpha says 0.']);
    assert.equal(JSON.stringify(first).includes('alpha'), false);
    const result = await h.vote({ token: first.token, choice: '1' }, context<never>().value);
    assert.deepEqual(result.revealed, ['beta', 'alpha']);
    assert.deepEqual(
      result.standings.records.map((r) => [r.label, r.wins, r.losses]),
      [
        ['alpha', 0, 1],
        ['beta', 1, 0],
      ],
    );
    await assert.rejects(
      Promise.resolve(h.vote({ token: first.token, choice: '2' }, context<never>().value)),
      /no longer open/,
    );
    const next = await h.reviewNext({ a: 0, b: 1, from: first.position }, context<never>().value);
    // Prompt 3 has no answer from beta: it is never offered.
    assert.equal(next?.position, 1);
    assert.equal(next?.remaining, 10);
    const votes = await readSidecar(join(folder, 'run.results.votes.jsonl'), parseVote);
    assert.deepEqual(votes, [
      {
        v: 1,
        promptKey: prompt(0).key,
        a: 'alpha',
        b: 'beta',
        outcome: 'b',
        shown: ['beta', 'alpha'],
        at: '2026-12-06T12:00:00.000Z',
      },
    ]);
    assert.deepEqual(
      changes.at(-1)?.voted.map((v) => [v.a, v.b, v.records.length]),
      [['alpha', 'beta', 2]],
    );
  });

  it('judges every prompt both models answered, streams progress and resumes without asking again', async () => {
    const calls: string[] = [];
    const s = session({
      clientFor: () =>
        Promise.resolve(
          fakeClient(
            (user) => (user.includes('Question 5?') ? 'no verdict here' : '{"winner":"tie","reason":"Same."}'),
            calls,
          ),
        ),
    });
    await s.load();
    const h = s.handlers();
    const params = { connection: 'sim', model: 'judge-1', rubric: 'Be fair.', a: 0, b: 1 };
    const run = context<JudgeProgress>();
    const outcome = await h.judge(params, run.value);
    assert.deepEqual(outcome, {
      done: 11,
      total: 11,
      failed: 1,
      resumed: 0,
      unanswered: 1,
      firstError: 'The reply has no JSON object with a "winner".',
    });
    assert.deepEqual(run.chunks[0], { done: 0, total: 11, failed: 0 });
    assert.deepEqual(run.chunks.at(-1), { done: 11, total: 11, failed: 1 });
    assert.equal(calls.length, 11);
    assert.ok(calls.every((user) => user.includes('<answer_1>') && user.includes('Be fair.') === false));
    const judged = changes.at(-1)!.judged[0]!;
    assert.deepEqual(
      judged.records.map((r) => [r.label, r.ties, r.skipped, r.decided]),
      [
        ['alpha', 10, 1, 10],
        ['beta', 10, 1, 10],
      ],
    );
    const rows = await h.rows({ start: 0, count: 1 }, context<never>().value);
    assert.deepEqual(rows[0]!.judgements, [
      { a: 'alpha', b: 'beta', winner: 'tie', reason: 'Same.', judge: 'sim / judge-1' },
    ]);

    // A second run asks only the prompt whose verdict could not be read.
    calls.length = 0;
    const again = await h.judge(params, context<JudgeProgress>().value);
    assert.equal(again.resumed, 10);
    assert.equal(again.total, 1);
    assert.equal(calls.length, 1);
    const lines = await readSidecar(join(folder, 'run.results.judgements.jsonl'), parseJudgement);
    assert.equal(lines.length, 12);
  });

  it('stops judging when cancelled, keeping what was judged', async () => {
    const controller = new AbortController();
    let asked = 0;
    const s = session({
      clientFor: () =>
        Promise.resolve(
          fakeClient(() => {
            if (++asked === 2) controller.abort();
            return '{"winner":"2","reason":"Better."}';
          }),
        ),
    });
    await s.load();
    await assert.rejects(
      Promise.resolve(
        s
          .handlers()
          .judge(
            { connection: 'sim', model: 'j', rubric: 'r', a: 0, b: 1 },
            context<JudgeProgress>(controller.signal).value,
          ),
      ),
    );
    const lines = await readSidecar(join(folder, 'run.results.judgements.jsonl'), parseJudgement);
    // Cancelled during the second request: the workers not yet started ask nothing; both answers that came back
    // (this fake ignores the signal) are kept.
    assert.equal(asked, 2);
    assert.equal(lines.length, 2);
  });

  it('distils a model into a chat dataset that validates clean', async () => {
    const s = session();
    await s.load();
    const out = join(folder, 'beta.distilled.jsonl');
    targets.push(out);
    const result = await s.handlers().distil({ model: 1 }, context<never>().value);
    assert.deepEqual(result, { saved: true, fileName: 'beta.distilled.jsonl', lines: 11, left: 0 });
    const text = await readFile(out, 'utf8');
    const validation = validateText(text);
    assert.equal(validation.format, 'chat');
    assert.deepEqual(
      validation.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
      [],
    );
    assert.deepEqual(JSON.parse(text.split('\n')[0]!), {
      messages: [
        { role: 'user', content: 'Question 0?' },
        { role: 'assistant', content: 'Beta says 0.' },
      ],
    });
  });

  it('refuses to distil over the results file', async () => {
    const s = session();
    await s.load();
    targets.push(resultsPath);
    await assert.rejects(
      Promise.resolve(s.handlers().distil({ model: 0 }, context<never>().value)),
      /Refusing to write/,
    );
  });

  it('saves an answer as a chat example and two answers as a preference example, appending validated lines', async () => {
    const messages: string[] = [];
    const s = session({ saved: (message) => messages.push(message) });
    await s.load();
    const h = s.handlers();
    const chats = join(folder, 'chosen.jsonl');
    const prefs = join(folder, 'prefs.jsonl');
    targets.push(chats, prefs, prefs);
    assert.deepEqual(await h.saveChat({ position: 1, model: 0 }, context<never>().value), {
      saved: true,
      fileName: 'chosen.jsonl',
      line: 1,
    });
    assert.deepEqual(await h.savePreference({ position: 2, preferred: 1, rejected: 0 }, context<never>().value), {
      saved: true,
      fileName: 'prefs.jsonl',
      line: 1,
    });
    // A chat example does not belong in a preference file.
    await assert.rejects(Promise.resolve(h.saveChat({ position: 0, model: 0 }, context<never>().value)), {
      message:
        'The example was not saved to prefs.jsonl. prefs.jsonl holds preference (DPO) examples. A chat example does not belong there: pick a chat (supervised fine-tuning) file or a new one.',
    });
    assert.deepEqual(messages, [
      'Saved the example to chosen.jsonl, line 1.',
      'Saved the example to prefs.jsonl, line 1.',
    ]);
    assert.equal(
      await readFile(chats, 'utf8'),
      `${JSON.stringify({
        messages: [
          { role: 'user', content: 'Question 1?' },
          { role: 'assistant', content: 'Alpha says 1.' },
        ],
      })}\n`,
    );
    assert.deepEqual(JSON.parse(await readFile(prefs, 'utf8')), {
      input: { messages: [{ role: 'user', content: 'Question 2?' }] },
      preferred_output: [{ role: 'assistant', content: 'Beta says 2.' }],
      non_preferred_output: [{ role: 'assistant', content: 'Alpha says 2.' }],
    });
    // A failed answer cannot be saved; a cancelled file choice saves nothing.
    await assert.rejects(Promise.resolve(h.saveChat({ position: 3, model: 1 }, context<never>().value)), /no answer/);
    assert.deepEqual(await h.saveChat({ position: 0, model: 0 }, context<never>().value), { saved: false });
  });
});
