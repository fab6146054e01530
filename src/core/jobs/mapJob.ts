/**
 * The API's job, event, checkpoint and file objects as the plain types of ./job. Read defensively: the SDK's types
 * describe OpenAI's answers, but a compatible server or a newer API may send other statuses, more fields or fewer,
 * so every field is checked, an unknown status or method is kept as its text, and nothing here throws.
 */

import type { FileObject } from 'openai/resources/files';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';
import type {
  FineTuneJob,
  Hyperparameter,
  Hyperparameters,
  JobCheckpoint,
  JobError,
  JobEvent,
  StepMetrics,
  UploadedFile,
} from './job';

type Loose = Record<string, unknown>;

export function mapJob(job: FineTuningJob): FineTuneJob {
  const raw = asRecord(job) ?? {};
  const method = asRecord(raw.method);
  const methodType = text(method?.type) ?? 'supervised';
  const result: FineTuneJob = {
    id: text(raw.id) ?? '',
    status: text(raw.status) ?? 'unknown',
    model: text(raw.model) ?? '',
    createdAt: num(raw.created_at) ?? 0,
    method: methodType,
    hyperparameters: hyperparametersOf(raw, method, methodType),
    trainingFile: text(raw.training_file) ?? '',
    resultFiles: Array.isArray(raw.result_files) ? raw.result_files.filter(isText) : [],
    metadata: metadataOf(raw.metadata),
  };
  setIf(result, 'fineTunedModel', text(raw.fine_tuned_model));
  setIf(result, 'finishedAt', num(raw.finished_at));
  setIf(result, 'estimatedFinish', num(raw.estimated_finish));
  setIf(result, 'validationFile', text(raw.validation_file));
  setIf(result, 'trainedTokens', num(raw.trained_tokens));
  setIf(result, 'seed', num(raw.seed));
  // The API echoes the suffix as `user_provided_suffix` (not in the SDK's types); otherwise it is the part of the
  // fine-tuned model's name after the organisation.
  setIf(result, 'suffix', text(raw.user_provided_suffix) ?? text(raw.suffix) ?? suffixOf(text(raw.fine_tuned_model)));
  setIf(result, 'error', errorOf(raw.error));
  // Azure echoes its training type under either spelling.
  setIf(result, 'trainingType', text(raw.trainingType) ?? text(raw.training_type));
  return result;
}

export function mapEvent(event: FineTuningJobEvent): JobEvent {
  const raw = asRecord(event) ?? {};
  const result: JobEvent = {
    id: text(raw.id) ?? '',
    createdAt: num(raw.created_at) ?? 0,
    level: text(raw.level) ?? 'info',
    message: text(raw.message) ?? '',
  };
  setIf(result, 'type', text(raw.type));
  if (raw.data !== undefined && raw.data !== null) result.data = raw.data;
  return result;
}

export function mapCheckpoint(checkpoint: FineTuningJobCheckpoint): JobCheckpoint {
  const raw = asRecord(checkpoint) ?? {};
  const step = num(raw.step_number) ?? num(asRecord(raw.metrics)?.step) ?? 0;
  return {
    id: text(raw.id) ?? '',
    createdAt: num(raw.created_at) ?? 0,
    step,
    model: text(raw.fine_tuned_model_checkpoint) ?? '',
    metrics: stepMetricsOf(raw.metrics, step),
  };
}

export function mapFile(file: FileObject): UploadedFile {
  const raw = asRecord(file) ?? {};
  const result: UploadedFile = {
    id: text(raw.id) ?? '',
    filename: text(raw.filename) ?? '',
    bytes: num(raw.bytes) ?? 0,
    createdAt: num(raw.created_at) ?? 0,
    purpose: text(raw.purpose) ?? '',
  };
  setIf(result, 'status', text(raw.status));
  return result;
}

/** The metrics of a step as the API names them (metrics events' `data`, checkpoints' `metrics`). */
export function stepMetricsOf(value: unknown, fallbackStep = 0): StepMetrics {
  const raw = asRecord(value) ?? {};
  const metrics: StepMetrics = { step: num(raw.step) ?? fallbackStep };
  setIf(metrics, 'trainLoss', num(raw.train_loss));
  setIf(metrics, 'trainMeanTokenAccuracy', num(raw.train_mean_token_accuracy));
  setIf(metrics, 'validLoss', num(raw.valid_loss));
  setIf(metrics, 'validMeanTokenAccuracy', num(raw.valid_mean_token_accuracy));
  setIf(metrics, 'fullValidLoss', num(raw.full_valid_loss));
  setIf(metrics, 'fullValidMeanTokenAccuracy', num(raw.full_valid_mean_token_accuracy));
  setIf(metrics, 'totalSteps', num(raw.total_steps));
  return metrics;
}

/** The method's hyperparameters win over the legacy top-level ones (which the API still fills for supervised). */
function hyperparametersOf(raw: Loose, method: Loose | undefined, methodType: string): Hyperparameters {
  const fromMethod = asRecord(asRecord(method?.[methodType])?.hyperparameters);
  const legacy = asRecord(raw.hyperparameters);
  const pick = (key: string) => hyperparameter(fromMethod?.[key]) ?? hyperparameter(legacy?.[key]);
  const result: Hyperparameters = {};
  setIf(result, 'nEpochs', pick('n_epochs'));
  setIf(result, 'batchSize', pick('batch_size'));
  setIf(result, 'learningRateMultiplier', pick('learning_rate_multiplier'));
  setIf(result, 'beta', pick('beta'));
  return result;
}

function hyperparameter(value: unknown): Hyperparameter | undefined {
  if (value === 'auto') return 'auto';
  return num(value);
}

function errorOf(value: unknown): JobError | undefined {
  const raw = asRecord(value);
  if (raw === undefined) return undefined;
  const message = text(raw.message);
  const code = text(raw.code);
  // The API sends `error: {}` (or all nulls) on jobs that did not fail.
  if (message === undefined && code === undefined) return undefined;
  const error: JobError = { message: message ?? '' };
  setIf(error, 'code', code);
  setIf(error, 'param', text(raw.param));
  return error;
}

function metadataOf(value: unknown): Record<string, string> {
  const raw = asRecord(value);
  if (raw === undefined) return {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => isText(entry[1])));
}

/** `ft:gpt-4o-mini-2024-07-18:org:my-suffix:abc123` → `my-suffix`. */
function suffixOf(model: string | undefined): string | undefined {
  if (model === undefined || !model.startsWith('ft:')) return undefined;
  const parts = model.split(':');
  return parts.length >= 5 && parts[3] !== '' ? parts[3] : undefined;
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function asRecord(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
