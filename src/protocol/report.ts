/** Messages of the Dataset Report panel. Plain data only: both the extension host and the webview import this file. */

/** Summary of a numeric column (min, max, mean, median, true p5 and p95). */
export type { Distribution } from '../core/stats/distribution';
/** The report itself, defined in the core so the CLI builds the same one. */
export type { DatasetReport, ProblemCount } from '../core/report/datasetReport';
import type { DatasetReport } from '../core/report/datasetReport';

/** Requests the report webview makes. */
export type ReportRequests = {
  setModel: { params: { model: string }; result: null };
  revealLine: { params: { line: number }; result: null };
};

/** Events the host sends to the report webview. */
export type ReportHostEvents = {
  report: DatasetReport;
  failed: { message: string };
};

/** The report webview sends no events besides requests. */
export type ReportWebviewEvents = Record<never, never>;
