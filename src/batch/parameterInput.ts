/** Reading the optional sampling parameters typed into input boxes (Enter on an empty box skips one). Pure. */

export interface NumberField {
  /** Names the value in the box and in problems. */
  readonly title: string;
  readonly prompt: string;
  /** Why a value is not acceptable, or undefined when it is. */
  readonly problem: (value: number) => string | undefined;
}

export const TEMPERATURE_FIELD: NumberField = {
  title: 'Temperature',
  prompt: 'Sampling temperature from 0 to 2 for every model of the run; leave empty for the server default.',
  problem: (value) => (value >= 0 && value <= 2 ? undefined : 'Enter a number from 0 to 2, or nothing.'),
};

export const MAX_TOKENS_FIELD: NumberField = {
  title: 'Max tokens',
  prompt: 'The longest answer, in tokens, for every model of the run; leave empty for the server default.',
  problem: (value) =>
    Number.isSafeInteger(value) && value >= 1 ? undefined : 'Enter a whole number of at least 1, or nothing.',
};

/** The typed value: undefined for an empty box, NaN for text that is not a number. */
export function parseOptionalNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** What the input box shows under the text while typing: nothing for an empty or acceptable value. */
export function optionalNumberProblem(field: NumberField, text: string): string | undefined {
  const value = parseOptionalNumber(text);
  return value === undefined ? undefined : field.problem(value);
}

/** The `fineTuneStudio.batch.concurrency` default (package.json says the same; a unit test checks). */
export const DEFAULT_BATCH_CONCURRENCY = 4;
export const MAX_BATCH_CONCURRENCY = 64;

/** Concurrency per connection from the setting: a whole number from 1 to 64; anything else is the default. */
export function concurrencyFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_BATCH_CONCURRENCY
    ? value
    : DEFAULT_BATCH_CONCURRENCY;
}
