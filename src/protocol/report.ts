/** Messages of the Dataset Report panel. Plain data only: both the extension host and the webview import this file. */

/** Summary of a numeric column (min, max, mean, median, true p5 and p95). */
export type { Distribution } from '../core/stats/distribution';
import type { Distribution } from '../core/stats/distribution';

/** Count of problems of one code in the file. */
export interface ProblemCount {
  readonly code: string;
  readonly title: string;
  readonly severity: string;
  readonly count: number;
  /** First line (zero-based) with this problem, for "reveal". */
  readonly firstLine: number;
}

/** What the report shows for one dataset file and model. */
export interface DatasetReport {
  readonly fileName: string;
  readonly format: string;
  readonly model: string;
  readonly models: readonly string[];
  readonly tokenLimit: number;
  readonly examples: number;
  readonly messagesPerExample: Distribution;
  readonly totalTokensPerExample: Distribution;
  readonly assistantTokensPerExample: Distribution;
  readonly histogram: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  readonly missingSystem: number;
  readonly missingUser: number;
  readonly overLimit: number;
  readonly billingTokens: number;
  readonly epochs: number;
  readonly chargedTokens: number;
  readonly estimatedCostUSD: number | undefined;
  readonly priceSource: string | undefined;
  readonly priceAsOf: string | undefined;
  readonly problems: readonly ProblemCount[];
}

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
