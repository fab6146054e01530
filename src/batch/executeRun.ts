import type OpenAI from 'openai';
import * as vscode from 'vscode';
import { createAsk } from '../core/batch/askModel';
import type { BatchPrompt, ModelSpec, ResultRecord } from '../core/batch/batchTypes';
import { readPrompts, type PromptSkip } from '../core/batch/promptSource';
import { ResultsAppender, isFinished, type ResultsRead } from '../core/batch/resultsFile';
import { runBatch, type RunProgress } from '../core/batch/runBatch';
import type { Connection } from '../core/connections/connection';
import type { BatchLog } from './batchLog';
import { maxTokensFieldFor } from './modelSpecs';
import { progressMessage, progressPercent } from './progressText';

/** Skipped input lines kept for the log; the rest are counted. */
const KEPT_SKIPS = 20;

/** Everything one run needs, settled by the questions (or the answers). */
export interface BatchJob {
  readonly input: string;
  /** The results file (appended to). */
  readonly output: string;
  readonly models: readonly ModelSpec[];
  /** The client and connection of every connection the models use, by id. */
  readonly connections: ReadonlyMap<string, { readonly connection: Connection; readonly client: OpenAI }>;
  /** Requests at a time per connection. */
  readonly concurrency: number;
  readonly previous: ResultsRead;
  readonly log: BatchLog;
  /** Stops the run like the notification's Cancel (callers and tests). */
  readonly signal?: AbortSignal;
  /** Tests: stop once this many records were written in this run. */
  readonly cancelAfter?: number;
}

/** How a run ended. */
export interface BatchOutcome {
  readonly progress: RunProgress;
  /** Prompts in the input (0: nothing was asked). */
  readonly prompts: number;
  /** Cancelled before every pair was asked. */
  readonly stopped: boolean;
}

const NOTHING_RUN: RunProgress = {
  total: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  inFlight: 0,
  promptTokens: 0,
  completionTokens: 0,
  elapsedMs: 0,
  etaMs: undefined,
};

/**
 * Runs a batch under a cancellable progress notification. A first pass counts the prompts (for the total and ETA)
 * and settles whole-file problems before the results file is touched; then every pair is asked through the core
 * runner and each record appended as it completes. Cancel keeps every record written. Rejects when the input cannot
 * be read or the results cannot be written.
 */
export function executeRun(job: BatchJob, title: string): Thenable<BatchOutcome> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      const subscription = token.onCancellationRequested(stop);
      job.signal?.addEventListener('abort', stop, { once: true });
      if (job.signal?.aborted === true) stop();
      try {
        progress.report({ message: 'Counting prompts…' });
        const prompts = await countPrompts(job, controller.signal);
        if (prompts === 0 || controller.signal.aborted) {
          return { progress: NOTHING_RUN, prompts, stopped: controller.signal.aborted };
        }
        let shownPercent = 0;
        const final = await run(job, prompts, controller, (current) => {
          const percent = progressPercent(current);
          progress.report({ message: progressMessage(current), increment: Math.max(0, percent - shownPercent) });
          shownPercent = Math.max(shownPercent, percent);
        });
        return { progress: final, prompts, stopped: controller.signal.aborted };
      } finally {
        subscription.dispose();
        job.signal?.removeEventListener('abort', stop);
      }
    },
  );
}

/** Counts the prompts, logging the lines that are not ones. Throws for whole-file problems (unreadable, UTF-16). */
async function countPrompts(job: BatchJob, signal: AbortSignal): Promise<number> {
  let prompts = 0;
  let skipCount = 0;
  const skips: PromptSkip[] = [];
  try {
    for await (const item of readPrompts(job.input, { signal })) {
      if ('skipped' in item) {
        skipCount++;
        if (skips.length < KEPT_SKIPS) skips.push(item);
      } else {
        prompts++;
      }
    }
  } catch (error) {
    if (signal.aborted) return prompts;
    throw error;
  }
  job.log.skipped(skips, skipCount);
  return prompts;
}

async function run(
  job: BatchJob,
  prompts: number,
  controller: AbortController,
  onProgress: (progress: RunProgress) => void,
): Promise<RunProgress> {
  const appender = await ResultsAppender.open(job.output, { validBytes: job.previous.validBytes });
  let written = 0;
  const append = async (record: ResultRecord): Promise<void> => {
    await appender.append(record);
    if (!isFinished(record)) job.log.failure(record);
    written++;
    if (job.cancelAfter !== undefined && written >= job.cancelAfter) controller.abort();
  };
  const ask = createAsk((id) => connectionOf(job, id).client, {
    maxTokensField: (model) => maxTokensFieldFor(connectionOf(job, model.connection).connection.kind),
  });
  try {
    // The run's pass reads without the signal: the runner stops pulling on abort and closes the input itself.
    return await runBatch(promptsOnly(readPrompts(job.input)), job.models, {
      ask,
      append,
      concurrency: () => job.concurrency,
      finished: job.previous.finished,
      totalPrompts: prompts,
      onProgress,
      signal: controller.signal,
    });
  } finally {
    await appender.close();
  }
}

function connectionOf(job: BatchJob, id: string): { readonly connection: Connection; readonly client: OpenAI } {
  const entry = job.connections.get(id);
  // Every model's connection is resolved before the run starts; the core turns this into the pair's failure.
  if (entry === undefined) throw new Error(`There is no connection with the id “${id}”.`);
  return entry;
}

async function* promptsOnly(items: AsyncIterable<BatchPrompt | PromptSkip>): AsyncGenerator<BatchPrompt> {
  for await (const item of items) if (!('skipped' in item)) yield item;
}
