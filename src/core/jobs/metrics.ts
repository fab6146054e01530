/**
 * A job's training metrics by step, from its metrics events (live) and its result CSV (when it ends), merged into one
 * list for the chart and its table, and the overfitting warning: validation loss rising while training loss falls,
 * pointing at the checkpoint with the lowest validation loss.
 */

import type { JobCheckpoint, JobEvent, StepMetrics } from './job';

/** The metric fields of StepMetrics (everything but the step and the job's total). */
export type MetricField = Exclude<keyof StepMetrics, 'step' | 'totalSteps'>;

/** Which event data key fills which field (the API's `data` of a `metrics` event). */
const EVENT_FIELDS: Record<string, MetricField | 'totalSteps'> = {
  train_loss: 'trainLoss',
  train_mean_token_accuracy: 'trainMeanTokenAccuracy',
  valid_loss: 'validLoss',
  valid_mean_token_accuracy: 'validMeanTokenAccuracy',
  full_valid_loss: 'fullValidLoss',
  full_valid_mean_token_accuracy: 'fullValidMeanTokenAccuracy',
  total_steps: 'totalSteps',
};

/** The metrics a metrics event carries, or undefined for any other event (or data without a usable step). */
export function stepMetricsFromEvent(event: JobEvent): StepMetrics | undefined {
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const step = record.step;
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) return undefined;
  const metrics: StepMetrics = { step };
  let any = false;
  for (const [key, field] of Object.entries(EVENT_FIELDS)) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    metrics[field] = value;
    if (field !== 'totalSteps') any = true;
  }
  return any ? metrics : undefined;
}

/** The metrics of every metrics event, in step order (events come newest first; their order does not matter). */
export function metricsFromEvents(events: readonly JobEvent[]): StepMetrics[] {
  return mergeMetrics(events.flatMap((event) => stepMetricsFromEvent(event) ?? []));
}

/**
 * Merges lists of step metrics into one entry per step, in step order. For a field both lists have, the earlier list
 * wins (pass the result CSV first: it is the API's final word), the later ones only fill gaps.
 */
export function mergeMetrics(...lists: readonly (readonly StepMetrics[])[]): StepMetrics[] {
  const byStep = new Map<number, StepMetrics>();
  for (const list of lists) {
    for (const metrics of list) {
      const existing = byStep.get(metrics.step);
      byStep.set(metrics.step, existing ? { ...metrics, ...definedFields(existing) } : { ...metrics });
    }
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

function definedFields(metrics: StepMetrics): StepMetrics {
  return Object.fromEntries(Object.entries(metrics).filter(([, value]) => value !== undefined)) as StepMetrics;
}

/** The steps of the whole job, from the latest metrics that say. */
export function totalSteps(metrics: readonly StepMetrics[]): number | undefined {
  for (let i = metrics.length - 1; i >= 0; i--) if (metrics[i]!.totalSteps !== undefined) return metrics[i]!.totalSteps;
  return undefined;
}

/** A line of the chart and a column of its table. */
export interface MetricSeries {
  readonly field: MetricField;
  readonly label: string;
  /** Loss and accuracy have their own axes. */
  readonly axis: 'loss' | 'accuracy';
}

/** What the chart draws, in legend order. */
export const METRIC_SERIES: readonly MetricSeries[] = [
  { field: 'trainLoss', label: 'Train loss', axis: 'loss' },
  { field: 'validLoss', label: 'Valid loss', axis: 'loss' },
  { field: 'fullValidLoss', label: 'Full valid loss', axis: 'loss' },
  { field: 'trainMeanTokenAccuracy', label: 'Train token accuracy', axis: 'accuracy' },
  { field: 'validMeanTokenAccuracy', label: 'Valid token accuracy', axis: 'accuracy' },
  { field: 'fullValidMeanTokenAccuracy', label: 'Full valid token accuracy', axis: 'accuracy' },
];

/** Column-wise data for a chart: the steps, then one array per METRIC_SERIES entry (null where a step lacks it). */
export function chartColumns(metrics: readonly StepMetrics[]): [number[], ...(number | null)[][]] {
  return [metrics.map((m) => m.step), ...METRIC_SERIES.map(({ field }) => metrics.map((m) => m[field] ?? null))];
}

/** The checkpoint to pick: the lowest validation loss (full validation loss when every candidate has it). */
export interface BestCheckpoint {
  readonly id: string;
  readonly step: number;
  readonly model: string;
  readonly validLoss: number;
  readonly lossKind: 'full valid loss' | 'valid loss';
}

export function bestCheckpoint(checkpoints: readonly JobCheckpoint[]): BestCheckpoint | undefined {
  const candidates = checkpoints.filter(
    (c) => c.metrics.fullValidLoss !== undefined || c.metrics.validLoss !== undefined,
  );
  if (candidates.length === 0) return undefined;
  // Full validation loss is measured on the whole validation set, so it is the better judge, but only comparable
  // with itself: mixing it with per-batch valid loss could pick a checkpoint for the noise alone.
  const full = candidates.every((c) => c.metrics.fullValidLoss !== undefined);
  const lossOf = (c: JobCheckpoint) => (full ? c.metrics.fullValidLoss! : (c.metrics.validLoss ?? Infinity));
  const best = candidates.reduce((a, b) => (lossOf(b) < lossOf(a) ? b : a));
  if (!Number.isFinite(lossOf(best))) return undefined;
  return {
    id: best.id,
    step: best.step,
    model: best.model,
    validLoss: lossOf(best),
    lossKind: full ? 'full valid loss' : 'valid loss',
  };
}

export interface OverfitOptions {
  /** Points in the moving average that smooths each loss (both are noisy per batch). */
  readonly window: number;
  /** How much the smoothed validation loss must have risen above its lowest point, relative to it. */
  readonly minRelativeRise: number;
}

export const DEFAULT_OVERFIT_OPTIONS: OverfitOptions = { window: 5, minRelativeRise: 0.05 };

export interface OverfitWarning {
  /** The step where the smoothed validation loss was lowest. */
  readonly lowestStep: number;
  readonly latestStep: number;
  /** Smoothed validation loss at its lowest and now. */
  readonly validLossLowest: number;
  readonly validLossNow: number;
  /** Smoothed training loss at the lowest step and now. */
  readonly trainLossThen: number;
  readonly trainLossNow: number;
  readonly bestCheckpoint?: BestCheckpoint;
  /** The warning in words, naming the best checkpoint. */
  readonly message: string;
}

/**
 * Warns when the smoothed validation loss has risen clearly above its lowest point, that lowest point is more than a
 * window behind the latest step (a sustained rise, not one noisy batch), and the smoothed training loss kept falling
 * over the same steps: the model is learning the training set rather than the task.
 */
export function overfittingWarning(
  metrics: readonly StepMetrics[],
  checkpoints: readonly JobCheckpoint[] = [],
  options: OverfitOptions = DEFAULT_OVERFIT_OPTIONS,
): OverfitWarning | undefined {
  const window = Math.max(1, Math.floor(options.window));
  const validField: MetricField = metrics.some((m) => m.validLoss !== undefined) ? 'validLoss' : 'fullValidLoss';
  const valid = smoothed(metrics, validField, window);
  const train = smoothed(metrics, 'trainLoss', window);
  if (valid.length < 2 * window || train.length === 0) return undefined;
  let lowest = 0;
  for (let i = 1; i < valid.length; i++) if (valid[i]!.value < valid[lowest]!.value) lowest = i;
  if (lowest > valid.length - 1 - window) return undefined;
  const low = valid[lowest]!;
  const now = valid.at(-1)!;
  if (now.value - low.value <= options.minRelativeRise * Math.abs(low.value)) return undefined;
  const trainThen = valueAt(train, low.step);
  const trainNow = valueAt(train, now.step);
  if (trainThen === undefined || trainNow === undefined || trainNow >= trainThen) return undefined;
  const best = bestCheckpoint(checkpoints);
  const rise = Math.round(((now.value - low.value) / Math.abs(low.value)) * 100);
  const pick = best
    ? `The best checkpoint is step ${best.step} (${best.lossKind} ${best.validLoss.toFixed(3)}): ${best.model}.`
    : 'No checkpoint reports a validation loss yet.';
  return {
    lowestStep: low.step,
    latestStep: now.step,
    validLossLowest: low.value,
    validLossNow: now.value,
    trainLossThen: trainThen,
    trainLossNow: trainNow,
    ...(best ? { bestCheckpoint: best } : {}),
    message:
      `Possible overfitting: validation loss has risen ${rise}% since step ${low.step} while training loss kept ` +
      `falling. ${pick}`,
  };
}

interface Point {
  step: number;
  value: number;
}

/** The trailing moving average of one field over the steps that have it. */
function smoothed(metrics: readonly StepMetrics[], field: MetricField, window: number): Point[] {
  const points = metrics.flatMap((m) => (m[field] === undefined ? [] : [{ step: m.step, value: m[field] }]));
  let sum = 0;
  return points.map((point, i) => {
    sum += point.value;
    if (i >= window) sum -= points[i - window]!.value;
    return { step: point.step, value: sum / Math.min(i + 1, window) };
  });
}

/** The smoothed value at a step: that of the last point at or before it. */
function valueAt(points: readonly Point[], step: number): number | undefined {
  let value: number | undefined;
  for (const point of points) {
    if (point.step > step) break;
    value = point.value;
  }
  return value;
}
