import type { ConvertSpec } from '../convert/model';
import type { DuplicateMode } from '../curate/exampleKey';
import type { FileConversion } from '../convert/convertFile';
import type { CurationReport } from '../curate/report';
import type { DatasetFormat } from '../format/datasetFormat';

// Jobs cross a thread boundary by structured clone, so every field is plain data: paths, numbers, strings.

/** Split a JSONL file into training and validation files (see `splitDataset`). */
export interface SplitJob {
  readonly kind: 'split';
  readonly input: string;
  readonly trainPath: string;
  readonly validationPath: string;
  /** Share of examples that go to training, from 0 to 1. */
  readonly ratio: number;
  readonly seed: number;
}

/** Drop repeated examples, keeping the first (see `dedupeDataset`). */
export interface DedupeJob {
  readonly kind: 'dedupe';
  readonly input: string;
  readonly output: string;
  readonly mode: DuplicateMode;
}

/** Keep a seeded random sample of `count` examples (see `sampleDataset`). */
export interface SampleJob {
  readonly kind: 'sample';
  readonly input: string;
  readonly output: string;
  readonly count: number;
  readonly seed: number;
}

/** Write the examples in a seeded random order (see `shuffleDataset`). */
export interface ShuffleJob {
  readonly kind: 'shuffle';
  readonly input: string;
  readonly output: string;
  readonly seed: number;
}

/** Concatenate files, optionally dropping duplicates across them (see `mergeDatasets`). */
export interface MergeJob {
  readonly kind: 'merge';
  readonly inputs: readonly string[];
  readonly output: string;
  readonly dedupe?: DuplicateMode;
}

/** Drop the examples longer than a model's per-example token limit (see `dropOverTokenLimit`). */
export interface DropOverLimitJob {
  readonly kind: 'dropOverLimit';
  readonly input: string;
  readonly output: string;
  /** Model whose tokenizer counts the examples. */
  readonly model: string;
  readonly limit: number;
  /** The dataset's format when set by the user; otherwise each line's own shape decides how it is counted. */
  readonly format: DatasetFormat | undefined;
}

/** The dataset curation jobs; their handlers are in `curateJobs.ts`. */
export type CurateJob = SplitJob | DedupeJob | SampleJob | ShuffleJob | MergeJob | DropOverLimitJob;

/** Convert a dataset file to another format (see `convertStream`); writes nothing when no line converts. */
export interface ConvertJob {
  readonly kind: 'convert';
  readonly input: string;
  readonly output: string;
  readonly spec: ConvertSpec;
}

/** A conversion's report and the file it wrote (see `convertFile`). */
export type ConvertJobResult = FileConversion;

/**
 * Every job a worker can run, told apart by `kind`. To add a kind: add its request type to this union, its result
 * to {@link JobResults}, and a handler to a {@link JobHandlerTable} that `jobWorker.ts` spreads into its table.
 */
export type JobRequest = CurateJob | ConvertJob;

export type JobKind = JobRequest['kind'];

/** The request type of one kind. */
export type JobOf<K extends JobKind> = Extract<JobRequest, { readonly kind: K }>;

/** What each kind of job resolves with (a kind missing here fails to compile in {@link JobResult}). */
export type JobResults = Record<CurateJob['kind'], CurationReport> & Record<ConvertJob['kind'], ConvertJobResult>;

/** The result of one kind, or of any job. */
export type JobResult<K extends JobKind = JobKind> = JobResults[K];

/** Messages from the extension host to the worker. A worker runs one job; `cancel` aborts it. */
export type ToWorkerMessage = { readonly type: 'run'; readonly job: JobRequest } | { readonly type: 'cancel' };

/**
 * Messages from the worker. `progress` is throttled; exactly one `result` or `error` ends the job. `error.name` is
 * the thrown error's name (`AbortError` after a cancel, `ProtectedPathError`, …) so the host can tell them apart.
 */
export type FromWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly result: JobResult }
  | { readonly type: 'error'; readonly message: string; readonly name: string };

/** What a handler gets besides its job. */
export interface JobContext {
  /** Fires when the host cancels; the handler must stop and remove any partial output. */
  readonly signal: AbortSignal;
  /** Reports work done so far out of a total, in any unit (curation uses bytes). Calls may be frequent. */
  readonly onProgress: (done: number, total: number) => void;
}

/** Runs one kind of job inside the worker. */
export type JobHandler<K extends JobKind> = (job: JobOf<K>, context: JobContext) => Promise<JobResult<K>>;

/** A dispatch table: one handler per kind of `J`. */
export type JobHandlerTable<J extends JobRequest = JobRequest> = { readonly [K in J['kind']]: JobHandler<K> };
