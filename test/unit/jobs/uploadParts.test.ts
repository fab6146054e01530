import * as assert from 'node:assert/strict';
import { sendParts, UploadExpiryError, type PartAttempt } from '../../../src/core/jobs/sendParts';
import { planParts } from '../../../src/core/jobs/uploadPlan';

class Retryable extends Error {}
class Refused extends Error {}

const noSleep = () => Promise.resolve();
const base = {
  retryable: (error: unknown) => error instanceof Retryable,
  lifetimeMs: 60 * 60 * 1000,
  sleep: noSleep,
};

/** A fake server: sends each attempt's bytes in two halves, after a tick. */
function sender(behaviour: (attempt: PartAttempt) => void = () => undefined) {
  const attempts: { index: number; attempt: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (attempt: PartAttempt): Promise<string> => {
    attempts.push({ index: attempt.part.index, attempt: attempt.attempt });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const size = attempt.part.end - attempt.part.start;
      attempt.onBytes(Math.floor(size / 2));
      await new Promise((resolve) => setImmediate(resolve));
      behaviour(attempt);
      attempt.onBytes(size - Math.floor(size / 2));
      return `part_${attempt.part.index}_${attempt.attempt}`;
    } finally {
      inFlight--;
    }
  };
  return { send, attempts, maxInFlight: () => maxInFlight };
}

describe('jobs: sending upload parts', () => {
  const parts = planParts(100, 10);

  it('sends every part with bounded concurrency and returns the ids in part order', async () => {
    const fake = sender();
    const progress: number[] = [];
    const ids = await sendParts(parts, {
      ...base,
      send: fake.send,
      signal: new AbortController().signal,
      totalBytes: 100,
      concurrency: 3,
      onProgress: (sent) => progress.push(sent),
    });
    assert.deepEqual(
      ids,
      parts.map((part) => `part_${part.index}_1`),
    );
    assert.equal(fake.maxInFlight(), 3);
    assert.equal(progress.at(-1), 100);
    assert.ok(progress.every((value, i) => i === 0 || value >= progress[i - 1]!));
  });

  it('retries one failed part with a fresh attempt; progress goes back by its bytes and ends at the total', async () => {
    const fake = sender(({ part, attempt }) => {
      if (part.index === 1 && attempt === 1) throw new Retryable('500 once');
    });
    const progress: number[] = [];
    const delays: number[] = [];
    const ids = await sendParts(parts, {
      ...base,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      retryDelayMs: (attempt) => attempt * 7,
      send: fake.send,
      signal: new AbortController().signal,
      totalBytes: 100,
      concurrency: 1,
      onProgress: (sent) => progress.push(sent),
    });
    assert.equal(ids[1], 'part_1_2');
    assert.deepEqual(
      fake.attempts.filter((a) => a.index === 1),
      [
        { index: 1, attempt: 1 },
        { index: 1, attempt: 2 },
      ],
    );
    assert.deepEqual(delays, [7]);
    // Part 0 done (10), part 1's first half (15), back to 10 after the failure, then on to 100.
    assert.deepEqual(progress.slice(0, 5), [5, 10, 15, 10, 15]);
    assert.equal(progress.at(-1), 100);
  });

  it('gives up after the last attempt and stops the other parts', async () => {
    let startedWhenGivenUp = -1;
    const fake = sender(({ part, attempt }) => {
      if (part.index !== 2) return;
      if (attempt === 3) startedWhenGivenUp = fake.attempts.length;
      throw new Retryable('always 500');
    });
    await assert.rejects(
      sendParts(parts, {
        ...base,
        send: fake.send,
        signal: new AbortController().signal,
        totalBytes: 100,
        concurrency: 2,
        maxAttempts: 3,
      }),
      /always 500/,
    );
    assert.equal(fake.attempts.filter((a) => a.index === 2).length, 3);
    // No part was started after part 2 gave up.
    assert.equal(fake.attempts.length, startedWhenGivenUp, JSON.stringify(fake.attempts));
    assert.ok(new Set(fake.attempts.map((a) => a.index)).size < parts.length);
  });

  it('does not retry a refusal', async () => {
    const fake = sender(({ part }) => {
      if (part.index === 0) throw new Refused('400 bad part');
    });
    await assert.rejects(
      sendParts(parts, { ...base, send: fake.send, signal: new AbortController().signal, totalBytes: 100 }),
      Refused,
    );
    assert.equal(fake.attempts.filter((a) => a.index === 0).length, 1);
  });

  it('stops when the caller aborts: no new parts, in-flight attempts see the abort', async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const started: number[] = [];
    const send = (attempt: PartAttempt) =>
      new Promise<string>((_resolve, reject) => {
        started.push(attempt.part.index);
        seen.push(attempt.signal);
        attempt.signal.addEventListener('abort', () => reject(new Retryable('aborted')));
        if (started.length === 2) controller.abort(new Error('cancelled by the user'));
      });
    await assert.rejects(
      sendParts(parts, { ...base, send, signal: controller.signal, totalBytes: 100, concurrency: 2 }),
      /cancelled by the user/,
    );
    assert.deepEqual(started, [0, 1]);
    assert.ok(seen.every((signal) => signal.aborted));
  });

  it('fails early with the expiry message when the measured pace cannot finish within the hour', async () => {
    let clock = 0;
    const slow = async (attempt: PartAttempt) => {
      attempt.onBytes(attempt.part.end - attempt.part.start);
      clock += 60_000; // a minute per 10 MB part: 8 GB would take days
      await Promise.resolve();
      return 'p';
    };
    const big = planParts(8_000_000_000, 10_000_000).slice(0, 50);
    await assert.rejects(
      sendParts(big, {
        ...base,
        send: slow,
        signal: new AbortController().signal,
        totalBytes: 8_000_000_000,
        now: () => clock,
        concurrency: 1,
      }),
      (error: unknown) => error instanceof UploadExpiryError && /would take about/.test(error.message),
    );
  });
});
