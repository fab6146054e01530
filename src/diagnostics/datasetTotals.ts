import type { AnalysisSnapshot, LineState } from '../core/analysis/datasetAnalysis';
import type { DatasetFormat } from '../core/format/datasetFormat';
import type { ExampleTokens } from '../core/tokens/exampleTokens';

/** File totals for the status bar and the report, from cached line states (no recomputation). */
export interface DatasetTotals {
  readonly format: DatasetFormat | undefined;
  readonly examples: number;
  readonly tokens: number;
  readonly overLimit: number;
  readonly errors: number;
  readonly warnings: number;
  /** Token counts of every countable example, in file order. */
  readonly exampleTokens: readonly ExampleTokens[];
}

/** Adds up the cached per-line results of an analysis. */
export function datasetTotals(states: readonly (LineState | undefined)[], snapshot: AnalysisSnapshot): DatasetTotals {
  let examples = 0;
  let tokens = 0;
  let overLimit = 0;
  const exampleTokens: ExampleTokens[] = [];
  for (const state of states) {
    if (state?.analysis.kind !== 'example') continue;
    examples++;
    if (state.tokens) {
      tokens += state.tokens.tokens.total;
      exampleTokens.push(state.tokens.tokens);
      if (state.tokens.problem) overLimit++;
    }
  }
  let errors = 0;
  let warnings = 0;
  for (const problem of snapshot.problems) {
    if (problem.severity === 'error') errors++;
    else if (problem.severity === 'warning') warnings++;
  }
  return { format: snapshot.format, examples, tokens, overLimit, errors, warnings, exampleTokens };
}
