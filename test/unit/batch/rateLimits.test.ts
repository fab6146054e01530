import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDuration, parseRateLimits, parseRetryAfter, RateGate } from '../../../src/core/batch/rateLimits';
import { ManualClock, settle } from './manualClock';

describe('rate-limit headers', () => {
  it('reads every OpenAI header', () => {
    const headers = new Headers({
      'retry-after': '3',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    assert.deepEqual(parseRateLimits(headers), {
      retryAfterMs: 3000,
      remainingRequests: 59,
      resetRequestsMs: 1000,
      remainingTokens: 149984,
      resetTokensMs: 360_000,
    });
  });

  it('prefers retry-after-ms to retry-after', () => {
    assert.deepEqual(parseRateLimits(new Headers({ 'retry-after': '3', 'retry-after-ms': '250' })), {
      retryAfterMs: 250,
    });
    assert.deepEqual(parseRateLimits(new Headers({ 'retry-after-ms': '12.6' })), { retryAfterMs: 13 });
  });

  it('gives nothing for absent or malformed headers', () => {
    assert.deepEqual(parseRateLimits(new Headers()), {});
    assert.deepEqual(
      parseRateLimits(
        new Headers({
          'retry-after': 'soon-ish 12',
          'retry-after-ms': '-5',
          'x-ratelimit-remaining-requests': '1.5',
          'x-ratelimit-reset-requests': '10',
          'x-ratelimit-remaining-tokens': 'many',
          'x-ratelimit-reset-tokens': '1x',
        }),
      ),
      {},
    );
  });

  it('reads retry-after as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter('0.5', now), 500);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('-1', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.deepEqual(parseRateLimits(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:01 GMT' }), now), {
      retryAfterMs: 1000,
    });
  });

  it('reads reset durations in every unit combination', () => {
    assert.equal(parseDuration('1s'), 1000);
    assert.equal(parseDuration('6m0s'), 360_000);
    assert.equal(parseDuration('20ms'), 20);
    assert.equal(parseDuration('1h2m3.5s'), 3_723_500);
    assert.equal(parseDuration('0.25s'), 250);
    assert.equal(parseDuration('2m30ms'), 120_030);
    assert.equal(parseDuration(' 7s '), 7000);
    assert.equal(parseDuration('10'), undefined);
    assert.equal(parseDuration(''), undefined);
    assert.equal(parseDuration('1s later'), undefined);
    assert.equal(parseDuration(null), undefined);
  });

  it('reads back any duration written the way OpenAI writes it', () => {
    fc.assert(
      fc.property(fc.nat(99), fc.nat(59), fc.nat(59_999), (hours, minutes, milliseconds) => {
        const seconds = milliseconds / 1000;
        const text = `${hours > 0 ? `${hours}h` : ''}${minutes}m${seconds}s`;
        assert.equal(parseDuration(text), hours * 3_600_000 + minutes * 60_000 + milliseconds);
      }),
    );
  });
});

describe('RateGate', () => {
  it('lets requests through at once while open', async () => {
    const gate = new RateGate(new ManualClock());
    let passed = false;
    void gate.wait().then(() => (passed = true));
    await settle();
    assert.equal(passed, true);
  });

  it('holds every waiter until the pause ends', async () => {
    const clock = new ManualClock();
    const gate = new RateGate(clock);
    gate.pauseFor(1000);
    const passed: number[] = [];
    for (const id of [1, 2, 3]) void gate.wait().then(() => passed.push(id));
    await clock.advance(999);
    assert.deepEqual(passed, []);
    assert.equal(gate.remainingPauseMs(), 1);
    await clock.advance(1);
    assert.deepEqual(passed, [1, 2, 3]);
    assert.equal(gate.remainingPauseMs(), 0);
    assert.equal(clock.pending, 0);
  });

  it('extends a pause but never shortens it', async () => {
    const clock = new ManualClock();
    const gate = new RateGate(clock);
    gate.pauseFor(1000);
    let passedAt: number | undefined;
    void gate.wait().then(() => (passedAt = clock.now()));
    await clock.advance(500);
    gate.pauseFor(2000); // now until +2500
    gate.pauseFor(100); // shorter: ignored
    await clock.advance(1999);
    assert.equal(passedAt, undefined);
    await clock.advance(1);
    assert.equal(passedAt, 1_002_500);
  });

  it('pauses until the reset when a budget is exhausted', async () => {
    const clock = new ManualClock();
    const gate = new RateGate(clock);
    gate.observe({ remainingRequests: 3, resetRequestsMs: 5000 });
    assert.equal(gate.remainingPauseMs(), 0);
    gate.observe({ remainingRequests: 0, resetRequestsMs: 800, remainingTokens: 0, resetTokensMs: 1200 });
    assert.equal(gate.remainingPauseMs(), 1200);
    gate.observe({ remainingTokens: 0 }); // no reset time: nothing to wait for
    assert.equal(gate.remainingPauseMs(), 1200);
    gate.observe(undefined);
    let passed = false;
    void gate.wait().then(() => (passed = true));
    await clock.advance(1199);
    assert.equal(passed, false);
    await clock.advance(1);
    assert.equal(passed, true);
  });

  it('rejects a waiter whose signal aborts, and drops its timer', async () => {
    const clock = new ManualClock();
    const gate = new RateGate(clock);
    gate.pauseFor(1000);
    const controller = new AbortController();
    const waited = gate.wait(controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(waited, /stop/);
    assert.equal(clock.pending, 0);
    await assert.rejects(gate.wait(controller.signal), /stop/);
  });
});
