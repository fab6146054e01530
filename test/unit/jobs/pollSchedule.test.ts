import * as assert from 'node:assert/strict';
import {
  FOCUSED_DELAY_MS,
  MAX_BACKOFF_MS,
  nextPollDelay,
  PollScheduler,
  UNFOCUSED_DELAY_MS,
  type PollTimers,
} from '../../../src/core/jobs/pollSchedule';

/** Timers that run only when the test moves the clock. */
class FakeTimers implements PollTimers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get planned(): number {
    return this.pending.size;
  }

  /** Moves the clock by `ms`, running due timers in order and letting the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
    await settle();
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A poll function scripted per call: `unfinished` answers, `error` throws; records when each call happened. */
function scriptedPoll(timers: FakeTimers, answers: ('unfinished' | 'finished' | 'error' | 'hang')[]) {
  const calls: { id: string; at: number; signal: AbortSignal }[] = [];
  const poll = (id: string, signal: AbortSignal) => {
    calls.push({ id, at: timers.now(), signal });
    const answer = answers.shift() ?? 'finished';
    if (answer === 'error') return Promise.reject(new Error('server failed'));
    if (answer === 'hang')
      return new Promise<{ unfinished: boolean }>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    return Promise.resolve({ unfinished: answer === 'unfinished' });
  };
  return { calls, poll };
}

describe('poll schedule', () => {
  it('polls every 5 s when focused, 30 s when not, never when nothing is unfinished', () => {
    assert.equal(nextPollDelay({ unfinished: true, focused: true, consecutiveErrors: 0 }), FOCUSED_DELAY_MS);
    assert.equal(nextPollDelay({ unfinished: true, focused: false, consecutiveErrors: 0 }), UNFOCUSED_DELAY_MS);
    assert.equal(nextPollDelay({ unfinished: false, focused: true, consecutiveErrors: 0 }), undefined);
    assert.equal(nextPollDelay({ unfinished: false, focused: false, consecutiveErrors: 3 }), undefined);
  });

  it('backs off exponentially on errors, capped at 5 minutes', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 100].map((errors) =>
      nextPollDelay({ unfinished: true, focused: true, consecutiveErrors: errors }),
    );
    assert.deepEqual(delays, [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    assert.equal(nextPollDelay({ unfinished: true, focused: false, consecutiveErrors: 4 }), MAX_BACKOFF_MS);
  });

  describe('scheduler (fake timers)', () => {
    it('polls a woken connection at once, then every 5 s while jobs are unfinished, and stops when all finished', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['unfinished', 'unfinished', 'finished']);
      const scheduler = new PollScheduler(poll, { focused: true, timers });
      scheduler.wake('a');
      await timers.advance(60_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [0, 5_000, 10_000],
      );
      assert.equal(timers.planned, 0);
      assert.equal(scheduler.dueAt('a'), undefined);
    });

    it('one poll per connection: a wake during a poll runs one more right after, not a second at once', async () => {
      const timers = new FakeTimers();
      let release: (() => void) | undefined;
      let running = 0;
      let most = 0;
      const polls: number[] = [];
      const scheduler = new PollScheduler(
        async () => {
          running++;
          most = Math.max(most, running);
          polls.push(timers.now());
          if (polls.length === 1) await new Promise<void>((resolve) => (release = resolve));
          running--;
          return { unfinished: false };
        },
        { focused: true, timers },
      );
      scheduler.wake('a');
      await timers.advance(0);
      assert.equal(scheduler.isPolling('a'), true);
      scheduler.wake('a');
      scheduler.wake('a');
      await timers.advance(1_000);
      assert.equal(polls.length, 1);
      release!();
      await timers.advance(0);
      assert.equal(polls.length, 2);
      assert.equal(most, 1);
    });

    it('connections are polled independently', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['unfinished', 'finished', 'finished']);
      const scheduler = new PollScheduler(poll, { focused: true, timers });
      scheduler.wake('a');
      scheduler.wake('b');
      await timers.advance(20_000);
      assert.deepEqual(
        calls.map((call) => `${call.id}@${call.at}`),
        ['a@0', 'b@0', 'a@5000'],
      );
    });

    it('backs off after failures and returns to the normal pace after a success', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['error', 'error', 'unfinished', 'finished']);
      const scheduler = new PollScheduler(poll, { focused: true, timers });
      scheduler.wake('a');
      await timers.advance(120_000);
      // 0 fails → +10 s; 10 s fails → +20 s; 30 s succeeds → +5 s.
      assert.deepEqual(
        calls.map((call) => call.at),
        [0, 10_000, 30_000, 35_000],
      );
    });

    it('waits 30 s while unfocused; regaining focus polls at once', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['unfinished', 'unfinished', 'unfinished', 'finished']);
      const scheduler = new PollScheduler(poll, { focused: false, timers });
      scheduler.wake('a');
      await timers.advance(0);
      assert.equal(scheduler.dueAt('a'), 30_000);
      await timers.advance(12_000);
      scheduler.setFocused(true);
      await timers.advance(0);
      assert.deepEqual(
        calls.map((call) => call.at),
        [0, 12_000],
      );
      assert.equal(scheduler.dueAt('a'), 17_000);
      // Losing focus stretches the planned poll to 30 s after the last one.
      scheduler.setFocused(false);
      assert.equal(scheduler.dueAt('a'), 42_000);
      await timers.advance(30_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [0, 12_000, 42_000],
      );
    });

    it('regaining focus does not cut a backoff short', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['error', 'finished']);
      const scheduler = new PollScheduler(poll, { focused: false, timers });
      scheduler.wake('a');
      await timers.advance(1_000);
      assert.equal(scheduler.dueAt('a'), 60_000);
      scheduler.setFocused(true);
      // Focused backoff after one error: 10 s after the failed poll.
      assert.equal(scheduler.dueAt('a'), 10_000);
      await timers.advance(60_000);
      assert.deepEqual(
        calls.map((call) => call.at),
        [0, 10_000],
      );
    });

    it('forget and dispose stop planned polls and abort the one in flight', async () => {
      const timers = new FakeTimers();
      const { calls, poll } = scriptedPoll(timers, ['unfinished', 'hang']);
      const scheduler = new PollScheduler(poll, { focused: true, timers });
      scheduler.wake('a');
      await timers.advance(5_000);
      assert.equal(calls.length, 2);
      assert.equal(scheduler.isPolling('a'), true);
      scheduler.dispose();
      await timers.advance(0);
      assert.equal(calls[1]!.signal.aborted, true);
      assert.equal(timers.planned, 0);
      scheduler.wake('a');
      await timers.advance(60_000);
      assert.equal(calls.length, 2);
    });
  });
});
