import type { AnalysisSnapshot } from '../analysis/datasetAnalysis';
import { FORMAT_LABELS } from '../format/datasetFormat';
import { MODEL_TABLE } from '../models/modelTable';
import type { Problem } from '../problem';
import type { DatasetStats } from '../stats/datasetStats';
import type { Distribution } from '../stats/distribution';
import { TOKEN_LIMIT_CODE } from '../tokens/tokenLimit';
import { CODES, isDiagnosticCode } from '../validation/codes';
import type { DatasetReport, ProblemCount } from './datasetReport';

const EMPTY: Distribution = { min: 0, max: 0, mean: 0, median: 0, p5: 0, p95: 0 };

/** Counts problems per code, most severe first, with the first line of each. */
export function problemCounts(problems: readonly Problem[]): ProblemCount[] {
  const byCode = new Map<string, { severity: string; count: number; firstLine: number }>();
  for (const problem of problems) {
    const entry = byCode.get(problem.code);
    if (entry) {
      entry.count++;
      entry.firstLine = Math.min(entry.firstLine, problem.range.start.line);
    } else {
      byCode.set(problem.code, { severity: problem.severity, count: 1, firstLine: problem.range.start.line });
    }
  }
  const rank: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  return [...byCode.entries()]
    .map(([code, e]) => ({
      code,
      title: isDiagnosticCode(code)
        ? CODES[code].title
        : code === TOKEN_LIMIT_CODE
          ? "Example over the model's token limit"
          : code,
      ...e,
    }))
    .sort((a, b) => (rank[a.severity] ?? 9) - (rank[b.severity] ?? 9) || b.count - a.count);
}

/**
 * Problem counts of a file validated from disk, which keeps only the first problems of each code: the kept problems
 * give severity and first line, the full counts give the numbers.
 */
export function fileProblemCounts(result: {
  readonly problems: readonly Problem[];
  readonly counts: Readonly<Record<string, number>>;
}): ProblemCount[] {
  return problemCounts(result.problems).map((c) => ({ ...c, count: result.counts[c.code] ?? c.count }));
}

/** Builds the report the webview shows from the statistics and the problems. */
export function buildReport(
  fileName: string,
  snapshot: Pick<AnalysisSnapshot, 'format' | 'problems'>,
  stats: DatasetStats,
  problems: readonly ProblemCount[] = problemCounts(snapshot.problems),
): DatasetReport {
  return {
    fileName,
    format: snapshot.format ? FORMAT_LABELS[snapshot.format] : 'not detected',
    model: stats.model,
    models: [...new Set([stats.model, ...MODEL_TABLE.map((m) => m.id)])],
    tokenLimit: stats.limit,
    examples: stats.examples,
    messagesPerExample: stats.messagesPerExample ?? EMPTY,
    totalTokensPerExample: stats.totalTokensPerExample ?? EMPTY,
    assistantTokensPerExample: stats.assistantTokensPerExample ?? EMPTY,
    histogram: stats.totalTokensHistogram.map((b) => ({ from: b.start, to: b.end, count: b.count })),
    missingSystem: stats.missingSystem,
    missingUser: stats.missingUser,
    overLimit: stats.overLimit,
    billingTokens: stats.billingTokens,
    epochs: stats.epochs,
    chargedTokens: stats.chargedTokens,
    estimatedCostUSD: stats.estimatedCostUSD,
    priceSource: stats.price?.source,
    priceAsOf: stats.price?.asOf,
    problems,
  };
}
