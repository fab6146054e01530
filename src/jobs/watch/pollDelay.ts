import type { PollDelay } from './jobsWatcher';

/** Seconds between polls while the window is focused, and while it is not (nobody is looking: go easy on the API). */
const FOCUSED_MS = 5_000;
const BLURRED_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** The wait before the next poll: focused or not, doubled per failure in a row (capped at 5 minutes). */
export const pollDelay: PollDelay = ({ focused, failures }) => {
  const base = focused ? FOCUSED_MS : BLURRED_MS;
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(failures, 10));
};
