// The Evaluation view's LLM judge end to end through the real openai SDK against the simulator's `sim-judge`, which
// always prefers the fine-tuned model's answer: what the unit tests' fake client cannot show (the SDK's request and
// reply shapes, the prompt the judge reads, concurrency over real sockets).
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { serializeResult } from '../../../src/core/batch/resultsFile';
import { EvaluationSession } from '../../../src/evaluation/evaluationHandlers';
import { parseJudgement, readSidecar, sidecarPath } from '../../../src/evaluation/sidecars';
import type { RequestContext } from '../../../src/panels/webviewHost';
import type { JudgeProgress } from '../../../src/protocol/evaluation';
import { replyText } from '../../../simulator/replies';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { prompt, record } from './fixtures';

const BASE = 'sim-chat';
const TUNED = 'ft:sim-chat:studio::sim001';
const PROMPTS = 6;

function context<Chunk>(): { chunks: Chunk[]; value: RequestContext<Chunk> } {
  const chunks: Chunk[] = [];
  return { chunks, value: { signal: new AbortController().signal, stream: (chunk) => chunks.push(chunk) } };
}

describe('evaluation: the LLM judge against the simulator', () => {
  let simulator: Simulator;
  let folder: string;
  let resultsPath: string;
  const connectionsAsked: string[] = [];

  before(async () => {
    simulator = await startSimulator();
    folder = await mkdtemp(join(tmpdir(), 'eval-judge-sim-'));
    resultsPath = join(folder, 'run.results.jsonl');
    // Each prompt answered by both models, in the words the simulator answers them.
    const records = Array.from({ length: PROMPTS }, (_, i) => {
      const question = prompt(i);
      const asked = question.turns[0]!.content;
      return [
        record(question, BASE, { text: replyText('simulated-chat', asked) }),
        record(question, TUNED, { text: replyText('fine-tuned-chat', asked) }),
      ];
    }).flat();
    await writeFile(resultsPath, records.map((r) => `${serializeResult(r)}\n`).join(''));
  });
  after(async () => {
    await simulator.close();
    await rm(folder, { recursive: true, force: true });
  });

  function session(): EvaluationSession {
    // Not an object literal in the call, so the backend stays valid while its saving members change: this test saves
    // nothing, and those members fail if called.
    const backend = {
      resultsPath,
      resultsUri: `file://${resultsPath}`,
      connections: () => [{ id: 'sim', name: 'Simulator' }],
      clientFor: (connection: string) => {
        connectionsAsked.push(connection);
        return Promise.resolve(new OpenAI({ baseURL: simulator.url, apiKey: 'x', maxRetries: 0 }));
      },
      pickExampleTarget: () => Promise.resolve(undefined),
      pickDistilTarget: () => Promise.resolve(undefined),
      appendExample: () => Promise.reject(new Error('This test saves no examples.')),
      changed: () => undefined,
    };
    return new EvaluationSession(backend);
  }

  const judgeRequests = () =>
    simulator.requests
      .filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions')
      .map((request) => request.body as ChatCompletionCreateParams);

  it('names the fine-tuned model the winner of every prompt, in either order, and resumes without asking again', async () => {
    const s = session();
    await s.load();
    const h = s.handlers();
    const models = s.info().models;
    const params = {
      connection: 'sim',
      model: 'sim-judge',
      rubric: 'Prefer the better answer.',
      a: models.indexOf(BASE),
      b: models.indexOf(TUNED),
    };
    assert.ok(params.a >= 0 && params.b >= 0, models.join(', '));

    const run = context<JudgeProgress>();
    const outcome = await h.judge(params, run.value);
    assert.deepEqual(outcome, { done: PROMPTS, total: PROMPTS, failed: 0, resumed: 0, unanswered: 0 });
    assert.deepEqual(run.chunks.at(-1), { done: PROMPTS, total: PROMPTS, failed: 0 });
    assert.deepEqual([...new Set(connectionsAsked)], ['sim']);

    // The judge saw real judge prompts, the fine-tuned answer shown first for some prompts and second for others.
    const sent = judgeRequests();
    assert.equal(sent.length, PROMPTS);
    assert.ok(sent.every((body) => body.model === 'sim-judge' && body.temperature === 0));
    const userTurns = sent.map((body) => body.messages.at(-1)?.content);
    const tunedFirst = userTurns.map((text) => typeof text === 'string' && /<answer_1>\s*\[fine-tuned\]/.test(text));
    assert.ok(tunedFirst.includes(true) && tunedFirst.includes(false), 'both orders were shown');

    // Every verdict names the fine-tuned model.
    const rows = await h.rows({ start: 0, count: PROMPTS }, context<never>().value);
    assert.equal(rows.length, PROMPTS);
    for (const row of rows) {
      assert.equal(row.judgements.length, 1, row.promptKey);
      const [judgement] = row.judgements;
      assert.equal(judgement!.winner, TUNED, `${row.promptKey}: ${judgement!.reason}`);
      assert.equal(judgement!.judge, 'sim / sim-judge');
      assert.match(judgement!.reason, /fine-tuned/);
    }

    // The standings: the fine-tuned model won every comparison.
    const judged = s.info().judged;
    assert.equal(judged.length, 1);
    const byLabel = new Map(judged[0]!.records.map((r) => [r.label, r]));
    assert.deepEqual(
      [TUNED, BASE].map((label) => {
        const r = byLabel.get(label)!;
        return [label, r.wins, r.losses, r.ties, r.skipped, r.winRate];
      }),
      [
        [TUNED, PROMPTS, 0, 0, 0, 1],
        [BASE, 0, PROMPTS, 0, 0, 0],
      ],
    );

    // The sidecar holds one judgement per prompt.
    const lines = await readSidecar(sidecarPath(resultsPath, 'judgements'), parseJudgement);
    assert.equal(lines.length, PROMPTS);
    assert.deepEqual(new Set(lines.map((line) => line.promptKey)), new Set(rows.map((row) => row.promptKey)));
    assert.ok(lines.every((line) => line.invalid === undefined && line.judge === 'sim / sim-judge'));

    // A second run skips every prompt, in the same session and in a new one over the same files (read from the
    // sidecar): nothing is asked again.
    const resumed = { done: 0, total: 0, failed: 0, resumed: PROMPTS, unanswered: 0 };
    assert.deepEqual(await h.judge(params, context<JudgeProgress>().value), resumed);
    const again = session();
    await again.load();
    assert.deepEqual(await again.handlers().judge(params, context<JudgeProgress>().value), resumed);
    assert.equal(judgeRequests().length, PROMPTS);
    assert.equal((await readSidecar(sidecarPath(resultsPath, 'judgements'), parseJudgement)).length, PROMPTS);
  });
});
