import type { InputEncoding } from '../convert/inputEncoding';
import type { ConvertSpec } from '../convert/model';
import type { DuplicateMode } from '../curate/exampleKey';
import type { FileConversion } from '../convert/convertFile';
import type { CurationReport } from '../curate/report';
import type { DatasetFormat } from '../format/datasetFormat';

// Tasks cross a thread boundary by structured clone, so every field is plain data: paths, numbers, strings.

/** Split a JSONL file into training and validation files (see `splitDataset`). */
export interface SplitTask {
  readonly kind: 'split';
  readonly input: string;
  readonly trainPath: string;
  readonly validationPath: string;
  /** Share of examples that go to training, from 0 to 1. */
  readonly ratio: number;
  readonly seed: number;
}

/** Drop repeated examples, keeping the first (see `dedupeDataset`). */
export interface DedupeTask {
  readonly kind: 'dedupe';
  readonly input: string;
  readonly output: string;
  readonly mode: DuplicateMode;
}

/** Keep a seeded random sample of `count` examples (see `sampleDataset`). */
export interface SampleTask {
  readonly kind: 'sample';
  readonly input: string;
  readonly output: string;
  readonly count: number;
  readonly seed: number;
}

/** Write the examples in a seeded random order (see `shuffleDataset`). */
export interface ShuffleTask {
  readonly kind: 'shuffle';
  readonly input: string;
  readonly output: string;
  readonly seed: number;
}

/** Concatenate files, optionally dropping duplicates across them (see `mergeDatasets`). */
export interface MergeTask {
  readonly kind: 'merge';
  readonly inputs: readonly string[];
  readonly output: string;
  readonly dedupe?: DuplicateMode;
}

/** Drop the examples longer than a model's per-example token limit (see `dropOverTokenLimit`). */
export interface DropOverLimitTask {
  readonly kind: 'dropOverLimit';
  readonly input: string;
  readonly output: string;
  /** Model whose tokenizer counts the examples. */
  readonly model: string;
  readonly limit: number;
  /** The dataset's format when set by the user; otherwise each line's own shape decides how it is counted. */
  readonly format: DatasetFormat | undefined;
}

/** The dataset curation tasks; their handlers are in `curateTasks.ts`. */
export type CurateTask = SplitTask | DedupeTask | SampleTask | ShuffleTask | MergeTask | DropOverLimitTask;

/** Convert a dataset file to another format (see `convertStream`); writes nothing when no line converts. */
export interface ConvertTask {
  readonly kind: 'convert';
  readonly input: string;
  readonly output: string;
  readonly spec: ConvertSpec;
  /** The input's encoding when the user named it (see `convertFile`). */
  readonly encoding?: InputEncoding;
}

/** A conversion's report and the file it wrote (see `convertFile`). */
export type ConvertTaskResult = FileConversion;

/**
 * Every task a worker can run, told apart by `kind`. To add a kind: add its request type to this union, its result
 * to {@link TaskResults}, and a handler to a {@link TaskHandlerTable} that `taskWorker.ts` spreads into its table.
 */
export type TaskRequest = CurateTask | ConvertTask;

export type TaskKind = TaskRequest['kind'];

/** The request type of one kind. */
export type TaskOf<K extends TaskKind> = Extract<TaskRequest, { readonly kind: K }>;

/** What each kind of task resolves with (a kind missing here fails to compile in {@link TaskResult}). */
export type TaskResults = Record<CurateTask['kind'], CurationReport> & Record<ConvertTask['kind'], ConvertTaskResult>;

/** The result of one kind, or of any task. */
export type TaskResult<K extends TaskKind = TaskKind> = TaskResults[K];

/** Messages from the extension host to the worker. A worker runs one task; `cancel` aborts it. */
export type ToWorkerMessage = { readonly type: 'run'; readonly task: TaskRequest } | { readonly type: 'cancel' };

/**
 * Messages from the worker. `progress` is throttled; exactly one `result` or `error` ends the task. `error.name` is
 * the thrown error's name (`AbortError` after a cancel, `ProtectedPathError`, …) so the host can tell them apart.
 */
export type FromWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  /** A temporary file the task created (`live`) or removed; the host removes live ones if it must stop the thread. */
  | { readonly type: 'temporary'; readonly path: string; readonly live: boolean }
  | { readonly type: 'result'; readonly result: TaskResult }
  | { readonly type: 'error'; readonly message: string; readonly name: string };

/** What a handler gets besides its task. */
export interface TaskContext {
  /** Fires when the host cancels; the handler must stop and remove any partial output. */
  readonly signal: AbortSignal;
  /** Reports work done so far out of a total, in any unit (curation uses bytes). Calls may be frequent. */
  readonly onProgress: (done: number, total: number) => void;
}

/** Runs one kind of task inside the worker. */
export type TaskHandler<K extends TaskKind> = (task: TaskOf<K>, context: TaskContext) => Promise<TaskResult<K>>;

/** A dispatch table: one handler per kind of `J`. */
export type TaskHandlerTable<J extends TaskRequest = TaskRequest> = { readonly [K in J['kind']]: TaskHandler<K> };
