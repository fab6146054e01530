/** Messages of the Dataset Report panel and their run-time checks. Both the extension host and the webview import this file. */

/** Summary of a numeric column (min, max, mean, median, true p5 and p95). */
export type { Distribution } from '../core/stats/distribution';
/** The report itself, defined in the core so the CLI builds the same one. */
export type { DatasetReport, ProblemCount } from '../core/report/datasetReport';
import type { DatasetReport } from '../core/report/datasetReport';
import type { WebviewProtocol } from './checkMessage';
import { isIndex, isString, object } from './guards';

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

/** The run-time check of everything the report webview may send. */
export const reportProtocol: WebviewProtocol<ReportRequests, ReportWebviewEvents> = {
  requests: {
    setModel: object({ model: isString }),
    revealLine: object({ line: isIndex }),
  },
  events: {},
};
