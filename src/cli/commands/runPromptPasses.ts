// The two passes `finetune-studio run` makes over its prompts: one to count them, one to ask them.
import { pairKey, type BatchPrompt } from '../../core/batch/batchTypes';
import { readPrompts, type PromptSkip } from '../../core/batch/promptSource';
import type { ResultsRead } from '../../core/batch/resultsFile';
import type { RunArgs } from './runArgs';
import type { RunTally } from './runSummary';

/** Counts the prompts and skipped lines into `tally`, and each model's pairs the results file already answers. */
export async function countPrompts(
  options: RunArgs,
  previous: ResultsRead,
  tally: RunTally,
  signal: AbortSignal | undefined,
): Promise<void> {
  const read = signal === undefined ? options.read : { ...options.read, signal };
  for await (const item of readPrompts(options.input, read)) {
    if ('skipped' in item) {
      tally.skipped(item);
      continue;
    }
    tally.prompts++;
    for (const model of options.models) {
      if (previous.finished.has(pairKey(item.key, model.label))) tally.answeredBefore(model.label);
    }
  }
}

// The run pass reads without the signal: the runner stops pulling on abort and closes the input itself.
export async function* promptsOnly(items: AsyncIterable<BatchPrompt | PromptSkip>): AsyncGenerator<BatchPrompt> {
  for await (const item of items) if (!('skipped' in item)) yield item;
}
