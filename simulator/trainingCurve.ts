// The metrics a simulated job reports at each step: deterministic curves shaped like real fine-tuning runs. Losses
// fall quickly then level off, with a small wobble; with `overfit`, the validation loss turns up in the second half
// while the training loss keeps falling.

export interface StepMetricsData {
  step: number;
  train_loss: number;
  train_mean_token_accuracy: number;
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
  total_steps: number;
}

export interface CurveOptions {
  totalSteps: number;
  /** Validation metrics only exist when the job has a validation file, as with the real API. */
  hasValidation: boolean;
  overfit: boolean;
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Loss to mean token accuracy: lower loss, higher accuracy, always within 0 and 1. */
const accuracyOf = (loss: number): number => Math.min(0.99, Math.max(0.05, 1 - loss / 2.6));

export function metricsAt(step: number, options: CurveOptions): StepMetricsData {
  const progress = options.totalSteps <= 1 ? 1 : (step - 1) / (options.totalSteps - 1);
  const wobble = 0.04 * Math.sin(step * 2.3);
  const trainLoss = 0.35 + 1.75 * Math.exp(-4 * progress) + wobble;
  const metrics: StepMetricsData = {
    step,
    train_loss: round(trainLoss),
    train_mean_token_accuracy: round(accuracyOf(trainLoss)),
    total_steps: options.totalSteps,
  };
  if (!options.hasValidation) return metrics;
  // The validation loss tracks the training loss a little above it; overfitting bends it upward past halfway.
  const smooth = 0.45 + 1.7 * Math.exp(-4 * progress);
  const rise = options.overfit && progress > 0.5 ? 1.6 * (progress - 0.5) : 0;
  const validLoss = smooth + rise + 0.015 * Math.sin(step * 1.7);
  return { ...metrics, valid_loss: round(validLoss), valid_mean_token_accuracy: round(accuracyOf(validLoss)) };
}

/** The result file's CSV: one row per step, empty cells where a step has no validation metrics. */
export function resultCsv(rows: readonly StepMetricsData[]): string {
  const cell = (value: number | undefined): string => (value === undefined ? '' : String(value));
  const lines = rows.map((row) =>
    [row.step, row.train_loss, row.train_mean_token_accuracy, row.valid_loss, row.valid_mean_token_accuracy]
      .map(cell)
      .join(','),
  );
  return ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy', ...lines].join('\n') + '\n';
}
