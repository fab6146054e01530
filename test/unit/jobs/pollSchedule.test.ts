import * as assert from 'node:assert/strict';
import {
  FOCUSED_DELAY_MS,
  MAX_BACKOFF_MS,
  nextPollDelay,
  UNFOCUSED_DELAY_MS,
} from '../../../src/core/jobs/pollSchedule';

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
});
