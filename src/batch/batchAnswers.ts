import type * as vscode from 'vscode';
import type { RunProgress } from '../core/batch/runBatch';
import type { ModelChoice } from './modelSpecs';

/**
 * Answers that let `fineTuneStudio.runBatch` run without asking (tests, other extensions). Paths may be strings or
 * file URIs. Missing answers take their defaults; problems are reported instead of asked about.
 */
export interface RunBatchAnswers {
  /** The prompts file; default the command's first argument. */
  readonly input?: string | vscode.Uri;
  /** 1 to 4 models, each on a connection id; the same model twice is labelled "model #2". */
  readonly models?: readonly ModelChoice[];
  /** The results file; default `<input-name>.results.jsonl` beside the input. */
  readonly output?: string | vscode.Uri;
  /** Requests at a time per connection; default the `fineTuneStudio.batch.concurrency` setting. */
  readonly concurrency?: number;
  /** When the results file already holds results: true (default) asks only what they lack, false deletes them first. */
  readonly resume?: boolean;
  /** Stops the run like the notification's Cancel. */
  readonly signal?: AbortSignal;
  /** Stops the run once this many records were written (tests of cancel and resume). */
  readonly cancelAfter?: number;
}

/** The keys that make a second argument answers rather than an explorer selection. */
export const RUN_BATCH_ANSWER_KEYS: readonly (keyof RunBatchAnswers)[] = [
  'input',
  'models',
  'output',
  'concurrency',
  'resume',
  'signal',
  'cancelAfter',
];

/** What the command resolves with once a run ended (undefined when it stopped before running). */
export interface RunBatchResult {
  /** The results file. */
  readonly output: vscode.Uri;
  readonly progress: RunProgress;
  /** Prompts in the input. */
  readonly prompts: number;
  /** Cancelled before every pair was asked; the run again with the same results file resumes. */
  readonly stopped: boolean;
}
