/**
 * OpenAI's default number of epochs, as its cookbook "Data preparation and analysis for chat model fine-tuning"
 * describes it: aim for 3 passes, but for at least 100 and at most 25,000 example passes in total, staying within
 * 1–25 epochs.
 */
export const TARGET_EPOCHS = 3;
export const MIN_TARGET_EXAMPLES = 100;
export const MAX_TARGET_EXAMPLES = 25_000;
export const MIN_DEFAULT_EPOCHS = 1;
export const MAX_DEFAULT_EPOCHS = 25;

/**
 * The default epochs for `examples` training examples. Small sets round up (ceil(100 / n), so that at least 100
 * example passes happen; the cookbook's Python floors here, which would fall short of its own target); large sets
 * round down (floor(25000 / n)). An empty set gets the small-set maximum, 25 (100 / 0 is infinite).
 */
export function defaultEpochs(examples: number): number {
  if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    return Math.min(MAX_DEFAULT_EPOCHS, Math.ceil(MIN_TARGET_EXAMPLES / examples));
  }
  if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / examples));
  }
  return TARGET_EPOCHS;
}
