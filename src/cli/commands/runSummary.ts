import type { PromptSkip } from '../../core/batch/promptSource';
import type { ModelSpec, ResultRecord } from '../../core/batch/batchTypes';
import { plural } from '../../core/text/plural';
import { terminalSafe } from '../../core/text/terminalSafe';
import { formatCount, formatDuration } from './runProgress';

/** Skipped input lines listed by name in the report; the rest are counted. */
export const LISTED_SKIPS = 20;

/** What one model did in this run. */
export interface ModelSummary {
  readonly label: string;
  readonly model: string;
  /** Pairs answered in this run. */
  readonly answered: number;
  /** Pairs whose request failed in this run. */
  readonly failed: number;
  /** Pairs the results file already had an answer for: not asked again. */
  readonly before: number;
  /** Over the answered pairs; null when none was answered. */
  readonly meanLatencyMs: number | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** An input line that is not a prompt: "line 12", and why. */
export interface SkippedLine {
  readonly source: string;
  readonly reason: string;
}

/** The first failed request, as the summary names it. */
export interface FirstError {
  readonly model: string;
  /** Where its prompt came from: "line 3". */
  readonly source: string;
  readonly message: string;
  readonly status?: number;
}

/** The outcome of `finetune-studio run`, printed as text or (`--json`) as this object. */
export interface RunSummary {
  readonly input: string;
  readonly output: string;
  /** Stopped by Ctrl+C (or a signal) before every pair was asked. */
  readonly stopped: boolean;
  readonly prompts: number;
  readonly models: readonly ModelSummary[];
  readonly answered: number;
  readonly failed: number;
  readonly before: number;
  readonly firstError: FirstError | null;
  readonly skippedInput: { readonly count: number; readonly listed: readonly SkippedLine[] };
}

interface Counts {
  answered: number;
  failed: number;
  before: number;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
}

/** Adds up the records of a run per model, as they are written. */
export class RunTally {
  private readonly counts = new Map<string, Counts>();
  private first: FirstError | undefined;
  private readonly skips: SkippedLine[] = [];
  private skipCount = 0;
  prompts = 0;

  constructor(private readonly models: readonly ModelSpec[]) {
    for (const model of models) {
      this.counts.set(model.label, {
        answered: 0,
        failed: 0,
        before: 0,
        latencyMs: 0,
        promptTokens: 0,
        completionTokens: 0,
      });
    }
  }

  /** A pair the results file already answered. */
  answeredBefore(label: string): void {
    const counts = this.counts.get(label);
    if (counts !== undefined) counts.before++;
  }

  /** An input line that is not a prompt: counted, and kept for the report while few. */
  skipped(skip: PromptSkip): void {
    this.skipCount++;
    if (this.skips.length < LISTED_SKIPS) this.skips.push({ source: skip.source, reason: skip.reason });
  }

  /** A record written to the results file. */
  written(record: ResultRecord): void {
    const counts = this.counts.get(record.model.label);
    if (counts === undefined) return;
    if (record.response !== undefined && record.error === undefined) {
      counts.answered++;
      counts.latencyMs += record.latencyMs;
    } else {
      counts.failed++;
      this.first ??= {
        model: record.model.label,
        source: record.prompt.source,
        message: record.error?.message ?? 'no answer',
        ...(record.error?.status === undefined ? {} : { status: record.error.status }),
      };
    }
    counts.promptTokens += record.response?.usage?.promptTokens ?? 0;
    counts.completionTokens += record.response?.usage?.completionTokens ?? 0;
  }

  summary(input: string, output: string, stopped: boolean): RunSummary {
    const models = this.models.map((model): ModelSummary => {
      const c = this.counts.get(model.label)!;
      return {
        label: model.label,
        model: model.model,
        answered: c.answered,
        failed: c.failed,
        before: c.before,
        meanLatencyMs: c.answered === 0 ? null : Math.round(c.latencyMs / c.answered),
        promptTokens: c.promptTokens,
        completionTokens: c.completionTokens,
        totalTokens: c.promptTokens + c.completionTokens,
      };
    });
    const sum = (field: 'answered' | 'failed' | 'before') => models.reduce((n, model) => n + model[field], 0);
    return {
      input,
      output,
      stopped,
      prompts: this.prompts,
      models,
      answered: sum('answered'),
      failed: sum('failed'),
      before: sum('before'),
      firstError: this.first ?? null,
      skippedInput: { count: this.skipCount, listed: [...this.skips] },
    };
  }
}

/** The per-model report (stdout). Names and messages come from the user and servers: escaped for the terminal. */
export function summaryText(summary: RunSummary): string {
  const width = Math.max(...summary.models.map((model) => terminalSafe(model.label).length));
  const lines = [
    `${terminalSafe(summary.output)}: ${formatCount(summary.answered)} answered, ${formatCount(summary.failed)} failed` +
      (summary.before > 0 ? `, ${formatCount(summary.before)} answered before` : '') +
      ` (${plural(summary.prompts, 'prompt')} × ${plural(summary.models.length, 'model')})`,
  ];
  for (const model of summary.models) {
    const latency = model.meanLatencyMs === null ? 'no latency' : `mean latency ${latencyText(model.meanLatencyMs)}`;
    lines.push(
      `  ${terminalSafe(model.label).padEnd(width)}  ${formatCount(model.answered)} answered, ${formatCount(model.failed)} failed, ` +
        `${latency}, ${formatCount(model.totalTokens)} tokens (${formatCount(model.promptTokens)} prompt + ${formatCount(model.completionTokens)} completion)` +
        (model.before > 0 ? `; ${formatCount(model.before)} answered before` : ''),
    );
  }
  const first = summary.firstError;
  if (first !== null) {
    lines.push(
      `${plural(summary.failed, 'request')} failed; the first (${terminalSafe(first.model)}, ${terminalSafe(first.source)}): ` +
        terminalSafe(first.message),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The skipped input lines (stderr), or nothing when none was. */
export function skippedText(summary: RunSummary): string {
  const { count, listed } = summary.skippedInput;
  if (count === 0) return '';
  const noun = listed[0]?.source.startsWith('row') === true ? 'row' : 'line';
  const lines = [`${plural(count, `input ${noun}`)} skipped (not prompts):`];
  for (const skip of listed) lines.push(`  ${terminalSafe(skip.source)}: ${terminalSafe(skip.reason)}`);
  if (count > listed.length) lines.push(`  and ${formatCount(count - listed.length)} more`);
  return `${lines.join('\n')}\n`;
}

function latencyText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(2)} s` : formatDuration(ms);
}
