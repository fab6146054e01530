/** What the parameter fields' text means. Pure (no DOM), so it is unit-tested in Node. */
import { MAX_STOP_SEQUENCES } from '../../src/core/batch/parameterText';

/** An empty or unreadable field means "not set"; integer fields drop a fraction. */
export function parseNumber(text: string, integer: boolean): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return integer ? Math.max(0, Math.trunc(value)) : value;
}

/** Comma-separated stop sequences, `\n` written as an escape; at most four (the API's limit). */
export function parseStops(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/\\n/g, '\n'))
    .filter((part) => part !== '')
    .slice(0, MAX_STOP_SEQUENCES);
}
