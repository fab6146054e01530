/** The words of a batch run's progress and outcome, as the notification and the final message show them. Pure. */

import type { RunProgress } from '../core/batch/runBatch';
import { plural } from '../core/text/plural';

/** `1,234,567`, grouped the same way whatever the machine's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A remaining time a person can plan with: `40 s`, `3 min`, `1 h 5 min` (minutes rounded up, never "0 min"). */
export function durationText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Pairs the run has settled: answered or failed now, or answered before (resume). */
export function settledPairs(progress: RunProgress): number {
  return progress.done + progress.failed + progress.skipped;
}

/** `12 / 200 · 1 failed · 3,400 tokens · ETA 1 min`; "N before" when a resume found pairs already answered. */
export function progressMessage(progress: RunProgress): string {
  const parts = [`${formatCount(settledPairs(progress))} / ${formatCount(progress.total)}`];
  if (progress.skipped > 0) parts.push(`${formatCount(progress.skipped)} before`);
  if (progress.failed > 0) parts.push(`${formatCount(progress.failed)} failed`);
  const tokens = progress.promptTokens + progress.completionTokens;
  if (tokens > 0) parts.push(`${formatCount(tokens)} tokens`);
  if (progress.etaMs !== undefined && settledPairs(progress) < progress.total) {
    parts.push(`ETA ${durationText(progress.etaMs)}`);
  }
  return parts.join(' · ');
}

/** How far the notification's bar is: settled pairs in percent of the total (0 while the total is unknown). */
export function progressPercent(progress: RunProgress): number {
  return progress.total === 0 ? 0 : Math.min(100, (100 * settledPairs(progress)) / progress.total);
}

/** What the final message says about a run. */
export interface OutcomeSummary {
  readonly progress: RunProgress;
  /** Prompts in the input. */
  readonly prompts: number;
  readonly models: number;
  /** The results file's name. */
  readonly outputName: string;
  /** Cancelled before every pair was asked. */
  readonly stopped: boolean;
}

/**
 * One sentence with every count: `Batch run finished: 38 answered, 2 failed (20 prompts × 2 models) in
 * data.results.jsonl.` A stopped run says its results are kept and how to resume.
 */
export function outcomeMessage(summary: OutcomeSummary): string {
  const { progress } = summary;
  const counts = [`${formatCount(progress.done)} answered`, `${formatCount(progress.failed)} failed`];
  if (progress.skipped > 0) counts.push(`${formatCount(progress.skipped)} answered before`);
  const size = `${plural(summary.prompts, 'prompt')} × ${plural(summary.models, 'model')}`;
  if (summary.stopped) {
    return (
      `Batch run stopped: ${counts.join(', ')} (${size}). Every finished result is kept in ${summary.outputName}; ` +
      'to resume, run “Fine-Tune: Run Batch…” again with the same results file.'
    );
  }
  const retry = progress.failed > 0 ? ' Run it again with the same results file to ask the failed pairs again.' : '';
  return `Batch run finished: ${counts.join(', ')} (${size}) in ${summary.outputName}.${retry}`;
}
