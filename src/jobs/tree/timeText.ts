/** Times as the tree shows them: ages relative to now, timestamps in UTC (the same on every machine and in tests). */

import { durationText } from '../../core/jobs/jobState';

/** `just now`, `12 min ago`, `3 h 5 min ago`; times in the future (clock skew) read as `just now`. */
export function ageText(createdAtSeconds: number, nowSeconds: number): string {
  const seconds = nowSeconds - createdAtSeconds;
  return seconds < 60 ? 'just now' : `${durationText(seconds)} ago`;
}

/** `2026-12-06 14:32:05 UTC`. */
export function timestampText(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) return 'unknown time';
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
