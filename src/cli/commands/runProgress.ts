import type { RunProgress } from '../../core/batch/runBatch';

/** How often a progress line is written when stderr is not a terminal (a log file, CI): one line each interval. */
export const PROGRESS_LOG_INTERVAL_MS = 5000;

// Carriage return, then "erase the whole line": the next text replaces the progress line instead of following it.
const REWRITE_LINE = '\r\u001b[2K';

/** `0:07`, `12:30`, `1:02:03`: elapsed and remaining times, whole seconds. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `1,234,567`: counts and tokens, grouped the same way whatever the machine's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * One line of progress: `14/40 done (5 before), 1 failed, 3,456 tokens, 0:12 elapsed, ETA 0:30`. "done" counts the
 * pairs answered now and those a resumed run found answered ("before"); only numbers, so it is safe to print.
 */
export function progressLine(progress: RunProgress): string {
  const done = progress.done + progress.skipped;
  const parts = [
    `${formatCount(done)}/${formatCount(progress.total)} done${progress.skipped > 0 ? ` (${formatCount(progress.skipped)} before)` : ''}`,
    `${formatCount(progress.failed)} failed`,
    `${formatCount(progress.promptTokens + progress.completionTokens)} tokens`,
    `${formatDuration(progress.elapsedMs)} elapsed`,
  ];
  if (progress.etaMs !== undefined) parts.push(`ETA ${formatDuration(progress.etaMs)}`);
  return parts.join(', ');
}

/** Writes progress to stderr while a run goes on; `end` clears what must not stay before the summary. */
export interface ProgressReporter {
  readonly update: (progress: RunProgress) => void;
  /** Called once before anything else is printed; later updates print nothing. */
  readonly end: () => void;
}

/**
 * On a terminal, one line rewritten in place at every update (the runner sends at most ten a second). Elsewhere, a
 * plain line every {@link PROGRESS_LOG_INTERVAL_MS} of the run's time, so a log gets a trace but not thousands of
 * lines.
 */
export function progressReporter(write: (text: string) => void, terminal: boolean): ProgressReporter {
  let ended = false;
  let shown = false;
  let nextLogAt = PROGRESS_LOG_INTERVAL_MS;
  return {
    update(progress) {
      if (ended) return;
      if (terminal) {
        write(`${REWRITE_LINE}${progressLine(progress)}`);
        shown = true;
      } else if (progress.elapsedMs >= nextLogAt) {
        write(`${progressLine(progress)}\n`);
        // Skips intervals with no update in them, so a long pause gives one line, not a burst.
        nextLogAt = (Math.floor(progress.elapsedMs / PROGRESS_LOG_INTERVAL_MS) + 1) * PROGRESS_LOG_INTERVAL_MS;
      }
    },
    end() {
      if (ended) return;
      ended = true;
      if (shown) write(REWRITE_LINE);
    },
  };
}
