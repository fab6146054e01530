import * as assert from 'node:assert/strict';
import { pairKey, type BatchPrompt, type ModelSpec, type ResultRecord } from '../../../src/core/batch/batchTypes';
import {
  pendingLimit,
  runBatch,
  type Ask,
  type AskOutcome,
  type RunOptions,
  type RunProgress,
} from '../../../src/core/batch/runBatch';
import { ManualClock, settle } from './manualClock';

function prompt(index: number): BatchPrompt {
  return {
    index,
    source: `line ${index + 1}`,
    key: index.toString(16).padStart(16, '0'),
    turns: [{ role: 'user', content: `question ${index}` }],
  };
}

function prompts(count: number): BatchPrompt[] {
  return Array.from({ length: count }, (_, index) => prompt(index));
}

function model(label: string, connection: string): ModelSpec {
  return { label, connection, model: label, parameters: {} };
}

function answer(p: BatchPrompt, m: ModelSpec, finishedAt = '2026-01-01T00:00:00.000Z'): ResultRecord {
  return {
    v: 1,
    prompt: p,
    model: m,
    request: { model: m.model },
    response: {
      text: `answer ${p.index} from ${m.label}`,
      finishReason: 'stop',
      usage: { promptTokens: 10, completionTokens: 3, totalTokens: 13 },
    },
    latencyMs: 5,
    finishedAt,
  };
}

function done(p: BatchPrompt, m: ModelSpec): AskOutcome {
  return { kind: 'done', record: answer(p, m) };
}

/** What ran: every ask in call order, and every appended record. */
function recorder() {
  const asked: string[] = [];
  const written: ResultRecord[] = [];
  const append = (record: ResultRecord): Promise<void> => {
    written.push(record);
    return Promise.resolve();
  };
  return { asked, written, append };
}

const keyOf = (record: ResultRecord): string => pairKey(record.prompt.key, record.model.label);

/** Resolves after a few turns of the event loop, different per call, so completions interleave. */
function later<T>(value: T, turns: number): Promise<T> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve(value);
      else setImmediate(() => step(left - 1));
    };
    step(turns);
  });
}

describe('runBatch', () => {
  it('asks every pair exactly once and writes each record as it completes', async () => {
    const models = [model('a', 'one'), model('b', 'one'), model('c', 'two')];
    const { asked, written, append } = recorder();
    const ask: Ask = (p, m) => {
      asked.push(pairKey(p.key, m.label));
      return later(done(p, m), (p.index * 7 + m.label.charCodeAt(0)) % 5);
    };
    const progress = await runBatch(prompts(20), models, { ask, append, concurrency: () => 3 });
    const expected = prompts(20).flatMap((p) => models.map((m) => pairKey(p.key, m.label)));
    assert.deepEqual([...asked].sort(), [...expected].sort());
    assert.deepEqual(written.map(keyOf).sort(), [...expected].sort());
    assert.deepEqual(progress, {
      total: 60,
      done: 60,
      failed: 0,
      skipped: 0,
      inFlight: 0,
      promptTokens: 600,
      completionTokens: 180,
      elapsedMs: progress.elapsedMs,
      etaMs: 0,
    });
  });

  it('writes records in completion order, not prompt order', async () => {
    const m = model('a', 'one');
    const { written, append } = recorder();
    // Prompt 0 takes longest, prompt 2 is quickest.
    const ask: Ask = (p) => later(done(p, m), [6, 3, 0][p.index] ?? 0);
    await runBatch(prompts(3), [m], { ask, append, concurrency: () => 3 });
    assert.deepEqual(
      written.map((record) => record.prompt.index),
      [2, 1, 0],
    );
  });

  it('never has more requests in flight per connection than allowed, and uses what is allowed', async () => {
    const models = [model('a', 'one'), model('b', 'one'), model('c', 'two')];
    const limits: Record<string, number> = { one: 3, two: 1 };
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const ask: Ask = async (p, m) => {
      const now = (inFlight.get(m.connection) ?? 0) + 1;
      inFlight.set(m.connection, now);
      peak.set(m.connection, Math.max(peak.get(m.connection) ?? 0, now));
      const outcome = await later(done(p, m), 1 + ((p.index * 3 + m.label.length) % 4));
      inFlight.set(m.connection, (inFlight.get(m.connection) ?? 0) - 1);
      return outcome;
    };
    const { append, written } = recorder();
    await runBatch(prompts(40), models, { ask, append, concurrency: (connection) => limits[connection] ?? 0 });
    assert.equal(written.length, 120);
    assert.deepEqual(Object.fromEntries(peak), { one: 3, two: 1 });
  });

  it('skips finished pairs and counts them', async () => {
    const models = [model('a', 'one'), model('b', 'two')];
    const all = prompts(5);
    const finished = new Set([pairKey(all[0]!.key, 'a'), pairKey(all[3]!.key, 'b'), pairKey(all[4]!.key, 'a')]);
    const { asked, written, append } = recorder();
    const ask: Ask = (p, m) => {
      asked.push(pairKey(p.key, m.label));
      return Promise.resolve(done(p, m));
    };
    const progress = await runBatch(all, models, { ask, append, concurrency: () => 2, finished });
    const expected = all.flatMap((p) => models.map((m) => pairKey(p.key, m.label))).filter((k) => !finished.has(k));
    assert.deepEqual([...asked].sort(), [...expected].sort());
    assert.equal(written.length, 7);
    assert.equal(progress.total, 10);
    assert.equal(progress.done, 7);
    assert.equal(progress.skipped, 3);
  });

  it('pauses the whole connection on a 429, leaves other connections running, then resumes', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const models = [model('a', 'limited'), model('b', 'free')];
    const askedAt: { pair: string; connection: string; at: number }[] = [];
    let refused = false;
    const ask: Ask = (p, m) => {
      askedAt.push({ pair: `${p.index}${m.label}`, connection: m.connection, at: clock.now() - start });
      if (m.connection === 'limited' && !refused) {
        refused = true;
        return Promise.resolve({ kind: 'rateLimited', retryAfterMs: 1000 });
      }
      return Promise.resolve(done(p, m));
    };
    const { written, append } = recorder();
    const run = runBatch(prompts(4), models, { ask, append, concurrency: () => 2, clock });
    await settle();
    const limitedAt = (): number[] => askedAt.filter((a) => a.connection === 'limited').map((a) => a.at);
    // Both workers of 'limited' had started before the 429 arrived; after it, none starts.
    assert.deepEqual(limitedAt(), [0, 0]);
    assert.deepEqual(
      askedAt.filter((a) => a.connection === 'free').map((a) => a.at),
      [0, 0, 0, 0],
    );
    await clock.advance(999);
    assert.deepEqual(limitedAt(), [0, 0]);
    await clock.advance(1);
    const progress = await run;
    // The refused pair is asked again first, then the rest.
    assert.deepEqual(
      askedAt.filter((a) => a.connection === 'limited').map((a) => `${a.pair}@${a.at}`),
      ['0a@0', '1a@0', '0a@1000', '2a@1000', '3a@1000'],
    );
    assert.equal(written.length, 8);
    assert.equal(progress.done, 8);
    assert.equal(progress.failed, 0);
  });

  it('pauses the connection until a budget’s reset when a reply says it is exhausted', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const m = model('a', 'one');
    const askedAt: number[] = [];
    const ask: Ask = (p) => {
      askedAt.push(clock.now() - start);
      return Promise.resolve({
        ...done(p, m),
        limits: { remainingRequests: p.index === 0 ? 0 : 5, resetRequestsMs: 250 },
      });
    };
    const { append } = recorder();
    const run = runBatch(prompts(3), [m], { ask, append, concurrency: () => 1, clock });
    await clock.advance(249);
    assert.deepEqual(askedAt, [0]);
    await clock.advance(1);
    await run;
    assert.deepEqual(askedAt, [0, 250, 250]);
  });

  it('writes a pair as failed once it runs out of rate-limit retries', async () => {
    const m = model('a', 'one');
    const clock = new ManualClock();
    let asks = 0;
    const failure: ResultRecord = {
      ...answer(prompt(0), m),
      response: undefined,
      error: { message: 'Rate limited', status: 429 },
    };
    const ask: Ask = () => {
      asks++;
      return Promise.resolve({ kind: 'rateLimited', retryAfterMs: 0, record: failure });
    };
    const { written, append } = recorder();
    const progress = await runBatch(prompts(1), [m], {
      ask,
      append,
      concurrency: () => 1,
      clock,
      maxRateLimitRetries: 2,
    });
    assert.equal(asks, 3);
    assert.deepEqual(written, [failure]);
    assert.equal(progress.failed, 1);
    assert.equal(progress.done, 0);

    // Without a record from the Ask, the runner writes its own.
    const bare: Ask = () => Promise.resolve({ kind: 'rateLimited', retryAfterMs: 0 });
    const second = recorder();
    await runBatch(prompts(1), [m], {
      ask: bare,
      append: second.append,
      concurrency: () => 1,
      clock,
      maxRateLimitRetries: 0,
    });
    assert.deepEqual(second.written, [
      {
        v: 1,
        prompt: prompt(0),
        model: m,
        request: {},
        latencyMs: 0,
        error: { message: 'Rate limited (429): still refused after 0 retries.', status: 429 },
        finishedAt: new Date(clock.now()).toISOString(),
      },
    ]);
  });

  it('stops on abort: nothing new starts, in-flight asks are aborted and not written', async () => {
    const m = model('a', 'one');
    const controller = new AbortController();
    const pending: { index: number; signal: AbortSignal; resolve: (outcome: AskOutcome) => void }[] = [];
    const asked: number[] = [];
    const ask: Ask = (p, _m, signal) => {
      asked.push(p.index);
      // Deliberately ignores the signal: a late answer must still not be written.
      return new Promise((resolve) => pending.push({ index: p.index, signal, resolve }));
    };
    const { written, append } = recorder();
    const run = runBatch(prompts(100), [m], { ask, append, concurrency: () => 2, signal: controller.signal });
    for (let finished = 0; finished < 3; finished++) {
      await settle();
      const next = pending.shift();
      assert.ok(next);
      next.resolve(done(prompt(next.index), m));
    }
    await settle();
    assert.deepEqual(asked, [0, 1, 2, 3, 4]);
    controller.abort();
    const progress = await run;
    assert.deepEqual(
      pending.map((p) => [p.index, p.signal.aborted]),
      [
        [3, true],
        [4, true],
      ],
    );
    for (const late of pending) late.resolve(done(prompt(late.index), m));
    await settle();
    assert.deepEqual(
      written.map((record) => record.prompt.index),
      [0, 1, 2],
    );
    assert.deepEqual(asked, [0, 1, 2, 3, 4]);
    assert.equal(progress.done, 3);
    assert.equal(progress.inFlight, 0);
  });

  it('waits for a write in progress when aborted, and closes the input', async () => {
    const m = model('a', 'one');
    const controller = new AbortController();
    let closed = false;
    async function* input(): AsyncGenerator<BatchPrompt> {
      try {
        for (let index = 0; index < 1000; index++) {
          await Promise.resolve(); // as a file reader would
          yield prompt(index);
        }
      } finally {
        closed = true;
      }
    }
    let finishWrite: () => void = () => undefined;
    const written: number[] = [];
    const append = (record: ResultRecord): Promise<void> =>
      new Promise((resolve) => {
        finishWrite = () => {
          written.push(record.prompt.index);
          resolve();
        };
      });
    let ended = false;
    const run = runBatch(input(), [m], {
      ask: (p) => Promise.resolve(done(p, m)),
      append,
      concurrency: () => 1,
      signal: controller.signal,
    }).then((progress) => {
      ended = true;
      return progress;
    });
    await settle();
    controller.abort();
    await settle();
    assert.equal(ended, false);
    finishWrite();
    const progress = await run;
    assert.deepEqual(written, [0]);
    assert.equal(progress.done, 1);
    assert.equal(closed, true);
  });

  it('pulls prompts lazily: never more than the bound ahead of the asks', async function () {
    this.timeout(60_000);
    const models = [model('a', 'one'), model('b', 'two')];
    const concurrency = (connection: string): number => (connection === 'one' ? 4 : 2);
    const bound = pendingLimit(models, concurrency);
    assert.equal(bound, 12);
    let pulled = 0;
    function* input(): Generator<BatchPrompt> {
      for (let index = 0; index < 100_000; index++) {
        pulled++;
        yield prompt(index);
      }
    }
    let started = 0;
    let worst = 0;
    const ask: Ask = (p, m) => {
      started++;
      // Pairs read but not yet asked (this one counts as asked).
      worst = Math.max(worst, pulled * models.length - started);
      return Promise.resolve(done(p, m));
    };
    let appended = 0;
    const progress = await runBatch(input(), models, {
      ask,
      append: () => {
        appended++;
        return Promise.resolve();
      },
      concurrency,
    });
    assert.equal(appended, 200_000);
    assert.equal(progress.total, 200_000);
    assert.ok(worst <= bound + models.length, `${worst} pairs read ahead`);
    assert.ok(worst >= bound - models.length, `${worst} pairs read ahead: the queue never filled`);
  });

  it('reports progress at most every 100 ms, with an ETA from the completion rate, and once at the end', async () => {
    const clock = new ManualClock();
    const m = model('a', 'one');
    const events: { at: number; progress: RunProgress }[] = [];
    const ask: Ask = (p) => new Promise((resolve) => clock.setTimeout(() => resolve(done(p, m)), 30));
    const { append } = recorder();
    const start = clock.now();
    const run = runBatch(prompts(10), [m], {
      ask,
      append,
      concurrency: () => 1,
      clock,
      totalPrompts: 10,
      onProgress: (progress) => events.push({ at: clock.now() - start, progress }),
    });
    for (let i = 0; i < 10; i++) await clock.advance(30);
    await run;
    const last = events[events.length - 1];
    assert.deepEqual(last, {
      at: 300,
      progress: {
        total: 10,
        done: 10,
        failed: 0,
        skipped: 0,
        inFlight: 0,
        promptTokens: 100,
        completionTokens: 30,
        elapsedMs: 300,
        etaMs: 0,
      },
    });
    const regular = events.slice(0, -1);
    assert.deepEqual(
      regular.map((e) => [e.at, e.progress.done]),
      [
        [0, 0],
        [100, 3],
        [200, 6],
        [300, 9],
      ],
    );
    for (const { progress } of regular) {
      const completed = progress.done + progress.failed;
      const expectedEta = completed === 0 ? undefined : Math.round(((10 - completed) * progress.elapsedMs) / completed);
      assert.equal(progress.etaMs, expectedEta);
      assert.equal(progress.total, 10);
    }
    assert.equal(regular[1]?.progress.done, 3);
    assert.equal(regular[1]?.progress.etaMs, 233);
    assert.equal(clock.pending, 0);
  });

  it('has no ETA while the input’s length is unknown', async () => {
    const m = model('a', 'one');
    const seen: (number | undefined)[] = [];
    let now = 0;
    // Time moves only with completions; a timer fires on the next microtask.
    const clock = {
      now: () => now,
      setTimeout: (callback: () => void) => {
        queueMicrotask(callback);
        return 0;
      },
      clearTimeout: () => undefined,
    };
    const ask: Ask = (p) => {
      now += 200; // every completion is past the throttle
      return Promise.resolve(done(p, m));
    };
    const { append } = recorder();
    await runBatch(prompts(20), [m], {
      ask,
      append,
      concurrency: () => 1,
      clock,
      onProgress: (progress) => seen.push(progress.etaMs),
    });
    assert.equal(seen[0], undefined);
    assert.equal(
      seen.some((eta, index) => index > 0 && eta === undefined),
      true,
    );
    assert.equal(seen[seen.length - 1], 0);
  });

  it('writes a failed record for an Ask that throws, and goes on', async () => {
    const m = model('a', 'one');
    const clock = new ManualClock();
    const ask: Ask = (p) => (p.index === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(done(p, m)));
    const { written, append } = recorder();
    const progress = await runBatch(prompts(3), [m], { ask, append, concurrency: () => 1, clock });
    assert.deepEqual(
      written.map((record) => record.error?.message),
      [undefined, 'boom', undefined],
    );
    assert.equal(progress.done, 2);
    assert.equal(progress.failed, 1);
  });

  it('rejects when a record cannot be written, after stopping the run', async () => {
    const m = model('a', 'one');
    let asks = 0;
    const ask: Ask = (p) => {
      asks++;
      return Promise.resolve(done(p, m));
    };
    const append = (): Promise<void> => Promise.reject(new Error('ENOSPC: no space left on device'));
    await assert.rejects(runBatch(prompts(1000), [m], { ask, append, concurrency: () => 2 }), /ENOSPC/);
    assert.ok(asks <= 3, `${asks} asks`);
  });

  it('rejects when the input cannot be read', async () => {
    const m = model('a', 'one');
    function* input(): Generator<BatchPrompt> {
      yield prompt(0);
      throw new Error('line 2: not JSON');
    }
    const { append } = recorder();
    const run = runBatch(input(), [m], { ask: (p) => Promise.resolve(done(p, m)), append, concurrency: () => 1 });
    await assert.rejects(run, /line 2: not JSON/);
  });

  it('asks nothing when already aborted or given no models', async () => {
    const m = model('a', 'one');
    let asks = 0;
    const options: RunOptions = {
      ask: (p) => {
        asks++;
        return Promise.resolve(done(p, m));
      },
      append: () => Promise.resolve(),
      concurrency: () => 1,
    };
    const empty = {
      total: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      inFlight: 0,
      promptTokens: 0,
      completionTokens: 0,
      etaMs: undefined,
    };
    const aborted = await runBatch(prompts(3), [m], { ...options, signal: AbortSignal.abort() });
    assert.deepEqual({ ...aborted, elapsedMs: undefined }, { ...empty, elapsedMs: undefined });
    const none = await runBatch(prompts(3), [], options);
    assert.deepEqual({ ...none, elapsedMs: undefined }, { ...empty, elapsedMs: undefined });
    assert.equal(asks, 0);
  });
});
