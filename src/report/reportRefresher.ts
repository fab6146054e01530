import type { DatasetReport } from '../core/report/datasetReport';
import { LatestRun } from '../core/report/latestRun';
import { messageOf } from '../core/errors/messageOf';

/**
 * Computes the report for a model; `signal` aborts when a newer refresh supersedes it. Resolves with undefined when
 * the data changed while it was computed (or it was superseded): that is not a failure, the panel keeps what it shows
 * and refreshes with the next analysis.
 */
export type ComputeReport = (model: string, signal: AbortSignal) => Promise<DatasetReport | undefined>;

/** Where the refresher sends what the panel should show. */
export interface ReportSink {
  report(report: DatasetReport): void;
  failed(message: string): void;
}

/**
 * When a report panel shows what: each refresh supersedes the ones still in flight (a quick switch of models never
 * ends on the earlier model's report), a computation overtaken by an edit shows nothing, and only a real failure is
 * shown as one.
 */
export class ReportRefresher {
  private readonly runs = new LatestRun();

  constructor(
    private readonly compute: ComputeReport,
    private readonly sink: ReportSink,
  ) {}

  refresh(model: string): void {
    this.runs.start(
      (signal) => this.compute(model, signal),
      (report) => report && this.sink.report(report),
      (error) => this.sink.failed(messageOf(error)),
    );
  }

  /** Drops whatever is in flight (the panel closed). */
  dispose(): void {
    this.runs.cancel();
  }
}
