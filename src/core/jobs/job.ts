/**
 * Fine-tuning jobs as plain data, the same for every provider: what the tree, the detail view, notifications and the
 * CLI show. Providers map their API's objects to these; a status or field the SDK types do not know is kept as it
 * came (a string), never dropped and never a crash.
 */

/** The statuses the API documents, plus pause and resume, which it has but the SDK types do not list. */
export const KNOWN_JOB_STATUSES = [
  'validating_files',
  'queued',
  'running',
  'pausing',
  'paused',
  'resuming',
  'succeeded',
  'failed',
  'cancelling',
  'cancelled',
] as const;
export type KnownJobStatus = (typeof KNOWN_JOB_STATUSES)[number];
/** A known status, or any other text the server sent. */
export type JobStatus = KnownJobStatus | (string & {});

export type TrainingMethod = 'supervised' | 'dpo' | 'reinforcement';

/** A hyperparameter as sent or reported: `auto` or a number. */
export type Hyperparameter = 'auto' | number;

export interface Hyperparameters {
  nEpochs?: Hyperparameter;
  batchSize?: Hyperparameter;
  learningRateMultiplier?: Hyperparameter;
  /** DPO only. */
  beta?: Hyperparameter;
}

export interface JobError {
  code?: string;
  message: string;
  /** The parameter the error is about, verbatim. */
  param?: string;
}

export interface FineTuneJob {
  id: string;
  status: JobStatus;
  /** The base model (or fine-tuned model continued from). */
  model: string;
  /** Set once the job succeeded. */
  fineTunedModel?: string;
  /** Unix seconds. */
  createdAt: number;
  finishedAt?: number;
  /** Unix seconds; the API's estimate while running. */
  estimatedFinish?: number;
  method: TrainingMethod | (string & {});
  hyperparameters: Hyperparameters;
  trainingFile: string;
  validationFile?: string;
  resultFiles: string[];
  trainedTokens?: number;
  seed?: number;
  suffix?: string;
  metadata: Record<string, string>;
  error?: JobError;
  /** Azure: GlobalStandard, Standard or Developer. */
  trainingType?: string;
}

export interface JobEvent {
  id: string;
  createdAt: number;
  level: string;
  message: string;
  /** `message` or `metrics` (then `data` holds the step's metrics). */
  type?: string;
  data?: unknown;
}

/** Metrics of a step, as metrics events and checkpoints report them (any subset). */
export interface StepMetrics {
  step: number;
  trainLoss?: number;
  trainMeanTokenAccuracy?: number;
  validLoss?: number;
  validMeanTokenAccuracy?: number;
  fullValidLoss?: number;
  fullValidMeanTokenAccuracy?: number;
  /** Steps in the whole job, when the event says. */
  totalSteps?: number;
}

export interface JobCheckpoint {
  id: string;
  createdAt: number;
  step: number;
  /** The model id to call this checkpoint with (`ft:…:ckpt-step-N`). */
  model: string;
  metrics: StepMetrics;
}

export interface UploadedFile {
  id: string;
  filename: string;
  bytes: number;
  createdAt: number;
  purpose: string;
  status?: string;
}
