import type { Schedule } from './streamingMarkdown';

/** What pacing needs from the page: its clock, a timer and animation frames (a test passes its own). */
export interface FrameClock {
  now(): number;
  delay(callback: () => void, ms: number): unknown;
  frame(callback: () => void): unknown;
}

/**
 * A schedule for one streaming reply: its callback runs in an animation frame, but at most once per `intervalMs`.
 * Four replies streaming at 2,000 tokens/s each rendered their last block in every frame; the garbage that left
 * (a sanitiser document per render) brought collections into frames that were already full. Text arriving a few
 * frames later is not seen as slower; each reply keeps its own pace, so the columns' renders fall in different frames.
 */
export function pacedFrames(intervalMs: number, clock: FrameClock): Schedule {
  let last = Number.NEGATIVE_INFINITY;
  return (callback) => {
    const run = () =>
      clock.frame(() => {
        last = clock.now();
        callback();
      });
    const wait = last + intervalMs - clock.now();
    if (wait > 0) clock.delay(run, wait);
    else run();
  };
}
