/**
 * The one interface every fine-tuning provider implements (OpenAI, Azure OpenAI; a third is one new file). The jobs
 * feature, the CLI and tests talk only to this. Every method takes an AbortSignal; failures throw errors whose
 * messages come from the connections layer's describeError (never a key).
 */

import type { FineTuneJob, Hyperparameters, JobCheckpoint, JobEvent, TrainingMethod, UploadedFile } from './job';

export interface ProviderCapabilities {
  /** Training methods the provider accepts. */
  methods: TrainingMethod[];
  /** Whether jobs can be paused and resumed. */
  pause: boolean;
  /** Azure's training types (GlobalStandard, Standard, Developer); empty when the provider has none. */
  trainingTypes: string[];
  /**
   * What a finished model needs before it can be called (Azure: a deployment through the management API), in words
   * for the user; undefined when it can be called at once.
   */
  deploymentNote?: string;
}

export interface CreateJobRequest {
  model: string;
  trainingFile: string;
  validationFile?: string;
  method: TrainingMethod;
  hyperparameters: Hyperparameters;
  suffix?: string;
  seed?: number;
  /** Always carries the dataset's content hash and file name (lineage) and our idempotency tag. */
  metadata: Record<string, string>;
  trainingType?: string;
}

export interface UploadSource {
  /** Absolute path of the file on disk: streamed, never read whole. */
  path: string;
  /** The file name sent to the server. */
  filename: string;
  bytes: number;
}

export interface UploadOptions {
  signal: AbortSignal;
  /** Called as bytes are sent (not more often than useful for a progress bar). */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface ListOptions {
  signal: AbortSignal;
  /** At most this many, newest first. */
  limit?: number;
}

export interface FineTuneProvider {
  readonly capabilities: ProviderCapabilities;
  /** Models that can be fine-tuned here (base models, and earlier fine-tunes to continue from). */
  listBaseModels(signal: AbortSignal): Promise<string[]>;
  /** Uploads a training or validation file (`purpose: fine-tune`): Files API up to 512 MB, Uploads API above. */
  upload(source: UploadSource, options: UploadOptions): Promise<UploadedFile>;
  /** An uploaded file, or undefined when the server no longer has it. */
  fileInfo(fileId: string, signal: AbortSignal): Promise<UploadedFile | undefined>;
  /** The bytes of a file (result files: a CSV of per-step metrics). */
  fileContent(fileId: string, signal: AbortSignal): Promise<Uint8Array>;
  /** Sends exactly one create request (no SDK retries): createJobOnce in ./createJobOnce handles timeouts and 5xx. */
  create(request: CreateJobRequest, signal: AbortSignal): Promise<FineTuneJob>;
  list(options: ListOptions): Promise<FineTuneJob[]>;
  retrieve(jobId: string, signal: AbortSignal): Promise<FineTuneJob>;
  cancel(jobId: string, signal: AbortSignal): Promise<FineTuneJob>;
  pause(jobId: string, signal: AbortSignal): Promise<FineTuneJob>;
  resume(jobId: string, signal: AbortSignal): Promise<FineTuneJob>;
  /**
   * Events newest first. With `since` (an event id already seen) only the newer ones: the API pages from the newest
   * backwards, so the provider reads pages until it meets `since` (or `limit` events).
   */
  events(jobId: string, options: { signal: AbortSignal; since?: string; limit?: number }): Promise<JobEvent[]>;
  checkpoints(jobId: string, signal: AbortSignal): Promise<JobCheckpoint[]>;
}
