import type { WinRecord } from '../../src/protocol/evaluation';

/** 0.8123 → "81.2%"; null → "–". */
export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A win rate with its 95% interval: "62.5% (41.2–79.8%)". */
export function winRateText(record: WinRecord): string {
  if (record.winRate === null || record.interval === null) return 'no votes yet';
  const [low, high] = record.interval;
  return `${percent(record.winRate)} (${(low * 100).toFixed(1)}–${percent(high)})`;
}

/** 1234 → "1,234 ms"; 12345 → "12.3 s". */
export function duration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms).toLocaleString('en-US')} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The first `max` characters of a text on one line, with an ellipsis when cut. */
export function preview(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
