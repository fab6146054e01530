/**
 * What the Dataset Report shows for one dataset file and model. Plain data only: the extension host, the CLI and the
 * report webview (through src/protocol/report.ts) all use these types.
 */
import type { Distribution } from '../stats/distribution';

/** Count of problems of one code in the file. */
export interface ProblemCount {
  readonly code: string;
  readonly title: string;
  readonly severity: string;
  readonly count: number;
  /** First line (zero-based) with this problem, for "reveal". */
  readonly firstLine: number;
}

/** The report for one dataset file and model. */
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
