import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  exactMatch,
  modelSummaries,
  modelSummariesInSlices,
  normalizeAnswer,
  tokenF1,
} from '../../../src/core/batch/answerMetrics';
import type { ResultRecord } from '../../../src/core/batch/batchTypes';

describe('normalizeAnswer', () => {
  it('normalises ASCII text by its fast path exactly as by the Unicode rules (property)', () => {
    // A leading non-ASCII word sends the text down the Unicode path; the rest must normalise the same either way.
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        const fast = normalizeAnswer(text);
        assert.equal(normalizeAnswer(`\u00e9 ${text}`), fast === '' ? '\u00e9' : `\u00e9 ${fast}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('lower-cases, drops punctuation and articles, collapses whitespace (SQuAD)', () => {
    assert.equal(normalizeAnswer('  The Cat,  sat on   a mat! '), 'cat sat on mat');
    assert.equal(normalizeAnswer("An apple's core."), 'apples core');
    assert.equal(normalizeAnswer('theatre another, anthem'), 'theatre another anthem');
    assert.equal(normalizeAnswer('$5 + 3 = 8'), '5 3 8');
    assert.equal(normalizeAnswer('The'), '');
  });

  it('is Unicode-aware', () => {
    assert.equal(normalizeAnswer('«Bonjour» — ¿qué tal?'), 'bonjour qué tal');
    assert.equal(normalizeAnswer('ÉCOLE\u00a0the\u3000Straße'), 'école straße');
    // Decomposed é (e + combining acute) equals the composed one; "thé" keeps its letters.
    assert.equal(normalizeAnswer('the\u0301 the'), 'thé');
    assert.equal(normalizeAnswer('「東京」。'), '東京');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = normalizeAnswer(text);
        assert.equal(normalizeAnswer(once), once);
      }),
    );
  });
});

describe('exactMatch', () => {
  it('compares normalised answers', () => {
    assert.equal(exactMatch('The Eiffel Tower.', 'eiffel tower'), true);
    assert.equal(exactMatch('Eiffel Tower', 'the Eiffel tower in Paris'), false);
    assert.equal(exactMatch('', 'the'), true);
  });
});

describe('tokenF1', () => {
  it('matches SQuAD on hand-checked examples', () => {
    // "cat sat" vs "cat sat down": precision 2/2, recall 2/3 → 0.8.
    assert.equal(tokenF1('the cat sat', 'a cat sat down'), 0.8);
    assert.equal(tokenF1('Denver Broncos', 'The Denver Broncos!'), 1);
    // "denver" only: precision 1/1, recall 1/2 → 2/3.
    assert.equal(tokenF1('Denver', 'Denver Broncos'), 2 / 3);
    assert.equal(tokenF1('Carolina Panthers', 'Denver Broncos'), 0);
  });

  it('counts repeated tokens as a bag, not a set', () => {
    // "go go go" vs "go": common 1, precision 1/3, recall 1 → 0.5.
    assert.equal(tokenF1('go go go', 'go'), 0.5);
    // common 2 (two "go"s), precision 2/2, recall 2/3 → 0.8.
    assert.equal(tokenF1('go go', 'go go stop'), 0.8);
  });

  it('scores empty answers as SQuAD does', () => {
    assert.equal(tokenF1('', ''), 1);
    assert.equal(tokenF1('the.', 'a'), 1);
    assert.equal(tokenF1('', 'Paris'), 0);
    assert.equal(tokenF1('Paris', '!'), 0);
  });

  it('is symmetric and between 0 and 1, and 1 on itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const f1 = tokenF1(a, b);
        assert.equal(f1, tokenF1(b, a));
        assert.ok(f1 >= 0 && f1 <= 1);
        assert.equal(tokenF1(a, a), 1);
      }),
    );
  });
});

describe('modelSummaries', () => {
  let time = 0;
  const record = (
    promptKey: string,
    label: string,
    outcome:
      { text: string; finishReason?: string | null; latencyMs?: number; usage?: [number, number] } | { error: string },
    reference?: string,
  ): ResultRecord => ({
    v: 1,
    prompt: {
      index: 0,
      source: 'line 1',
      key: promptKey,
      turns: [{ role: 'user', content: promptKey }],
      ...(reference === undefined ? {} : { reference }),
    },
    model: { label, connection: 'openai', model: label.split(' ')[0]!, parameters: {} },
    request: {},
    ...('error' in outcome
      ? { error: { message: outcome.error, status: 500 } }
      : {
          response: {
            text: outcome.text,
            finishReason: outcome.finishReason === undefined ? 'stop' : outcome.finishReason,
            ...(outcome.usage
              ? {
                  usage: {
                    promptTokens: outcome.usage[0],
                    completionTokens: outcome.usage[1],
                    totalTokens: outcome.usage[0] + outcome.usage[1],
                  },
                }
              : {}),
          },
        }),
    latencyMs: 'error' in outcome ? 5 : (outcome.latencyMs ?? 100),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, time++)).toISOString(),
  });

  it('summarises each model over the latest record of each prompt', () => {
    const records = [
      record('p1', 'm', { error: 'timeout' }, 'Paris'),
      record('p1', 'other', { text: 'no', latencyMs: 1 }),
      record('p2', 'm', { text: 'Lyon is big', latencyMs: 300, usage: [10, 3] }, 'Lyon'),
      record('p3', 'm', { text: 'cut', finishReason: 'length', latencyMs: 200, usage: [20, 50] }),
      // The retry of p1 replaces the failure.
      record('p1', 'm', { text: 'paris.', latencyMs: 100 }, 'Paris'),
      record('p4', 'm', { error: 'rate limited' }),
      record('p5', 'm', { text: '', finishReason: null, latencyMs: 400 }, 'x'),
    ];
    const [m, other] = modelSummaries(records);
    assert.deepEqual(m, {
      label: 'm',
      model: 'm',
      connection: 'openai',
      prompts: 5,
      answered: 4,
      errors: 1,
      scored: 3,
      exactMatchRate: 1 / 3,
      // paris: 1, "lyon is big" vs "lyon": precision 1/3, recall 1 → 0.5, "" vs "x": 0.
      meanF1: 1.5 / 3,
      // Lengths 11, 3, 6, 0.
      answerChars: { mean: 20 / 4, median: 4.5 },
      // Latencies 100, 200, 300, 400: p50 = 250; p95 at index 3·0.95, interpolated from 400 as numpy does (≈ 385).
      latencyMs: { p50: 250, p95: 400 - 100 * (1 - (3 * 0.95 - 2)) },
      tokens: { reported: 2, prompt: 30, completion: 53, total: 83 },
      // "stop" twice (p1's retry and p2), then by count and name, null last.
      finishReasons: [
        { reason: 'stop', count: 2 },
        { reason: 'length', count: 1 },
        { reason: null, count: 1 },
      ],
      truncated: 1,
    });
    assert.equal(other?.label, 'other');
    assert.equal(other?.scored, 0);
    assert.equal(other?.exactMatchRate, null);
    assert.equal(other?.meanF1, null);
    assert.deepEqual(other?.latencyMs, { p50: 1, p95: 1 });
  });

  it('keeps first-appearance order and reports a model with only failures', () => {
    const summaries = modelSummaries([
      record('p1', 'b', { error: 'boom' }),
      record('p1', 'a', { text: 'x' }),
      record('p2', 'b', { error: 'boom again' }),
    ]);
    assert.deepEqual(
      summaries.map((s) => s.label),
      ['b', 'a'],
    );
    const b = summaries[0]!;
    assert.equal(b.prompts, 2);
    assert.equal(b.errors, 2);
    assert.equal(b.answered, 0);
    assert.equal(b.answerChars, null);
    assert.equal(b.latencyMs, null);
    assert.deepEqual(b.finishReasons, []);
    assert.deepEqual(b.tokens, { reported: 0, prompt: 0, completion: 0, total: 0 });
  });

  it('counts a later failure over an earlier success (the newer line wins)', () => {
    const [m] = modelSummaries([record('p1', 'm', { text: 'ok' }), record('p1', 'm', { error: 'boom' })]);
    assert.equal(m?.answered, 0);
    assert.equal(m?.errors, 1);
  });

  it('returns nothing for no records', () => {
    assert.deepEqual(modelSummaries([]), []);
  });

  it('gives the same summaries in slices, letting other work run between them, and stops when aborted', async () => {
    const records = Array.from({ length: 300 }, (_, i) =>
      record(
        `p${i % 120}`,
        i % 2 === 0 ? 'm' : 'n',
        i % 7 === 0 ? { error: 'boom' } : { text: `The answer ${i % 5}!` },
        `Answer ${i % 3}`,
      ),
    );
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    try {
      assert.deepEqual(await modelSummariesInSlices(records, { sliceMs: 0 }), modelSummaries(records));
    } finally {
      clearInterval(ticking);
    }
    assert.ok(ticks > 0, 'timers ran while the summaries were computed');
    const controller = new AbortController();
    controller.abort(new Error('closed'));
    await assert.rejects(modelSummariesInSlices(records, { signal: controller.signal, sliceMs: 0 }), /closed/);
  });
});
