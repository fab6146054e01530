import * as assert from 'node:assert/strict';
import { pacedFrames, type FrameClock } from '../../../webview/shared/markdown/pacedFrames';

/** A clock the test moves: timers and frames run only when `advance` passes them. */
function fakeClock() {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  const frames: (() => void)[] = [];
  const clock: FrameClock = {
    now: () => now,
    delay: (callback, ms) => timers.push({ at: now + ms, callback }),
    frame: (callback) => frames.push(callback),
  };
  /** Moves time on by `ms`, firing the timers due, then runs the frames requested so far. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
    for (const frame of frames.splice(0)) frame();
  };
  return { clock, advance, pendingTimers: () => timers.length };
}

describe('pacedFrames', () => {
  it('runs the first callback in the next frame, and later ones no sooner than the interval after the last', () => {
    const { clock, advance, pendingTimers } = fakeClock();
    const schedule = pacedFrames(50, clock);
    const runs: number[] = [];
    schedule(() => runs.push(clock.now()));
    advance(16);
    assert.deepEqual(runs, [16]);
    schedule(() => runs.push(clock.now()));
    assert.equal(pendingTimers(), 1, 'too soon: waits for the interval');
    advance(16);
    assert.deepEqual(runs, [16]);
    advance(34);
    assert.deepEqual(runs, [16, 66]);
    // Long after the last run: straight to the next frame again.
    advance(200);
    schedule(() => runs.push(clock.now()));
    assert.equal(pendingTimers(), 0);
    advance(16);
    assert.deepEqual(runs, [16, 66, 282]);
  });

  it('paces each schedule on its own (each streaming reply has one)', () => {
    const { clock, advance } = fakeClock();
    const first = pacedFrames(50, clock);
    const second = pacedFrames(50, clock);
    const runs: string[] = [];
    first(() => runs.push(`first@${clock.now()}`));
    advance(16);
    second(() => runs.push(`second@${clock.now()}`));
    advance(16);
    assert.deepEqual(runs, ['first@16', 'second@32']);
  });
});
