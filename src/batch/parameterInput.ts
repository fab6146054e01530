/** The texts of the batch run's parameter boxes, and the concurrency setting. Pure. */

import { PARAMETER_SUMMARY } from '../core/batch/parameterText';

/** The title of the box asking one model's parameters: which model, and how many boxes there are. */
export function parametersBoxTitle(label: string, index: number, count: number): string {
  return `Run Batch: Parameters for ${label} (${index + 1} of ${count})`;
}

export const PARAMETERS_PROMPT =
  `name=value words: ${PARAMETER_SUMMARY}; quote a value with spaces or escapes, as in stop="\\n\\n". ` +
  'Empty: the server defaults.';

export const PARAMETERS_PLACEHOLDER = 'Server defaults';

/** The `fineTuneStudio.batch.concurrency` default (package.json says the same; a unit test checks). */
export const DEFAULT_BATCH_CONCURRENCY = 4;
export const MAX_BATCH_CONCURRENCY = 64;

/** Concurrency per connection from the setting: a whole number from 1 to 64; anything else is the default. */
export function concurrencyFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_BATCH_CONCURRENCY
    ? value
    : DEFAULT_BATCH_CONCURRENCY;
}
