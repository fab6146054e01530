import type { TokenCounter } from '../analysis/lineTokens';
import type { DatasetFormat } from '../format/datasetFormat';
import type { ByteLine } from '../jsonl/byteLines';
import type { Problem } from '../problem';
import type { ExampleTokens } from '../tokens/exampleTokens';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';
import { LineDecoder } from '../validation/lineDecoder';

/** Receives each analysed line: its analysis (with the parsed value, not to be kept), its token counts and its bytes. */
export type LineVisitor = (
  row: number,
  analysis: LineAnalysis,
  tokens: ExampleTokens | undefined,
  line: ByteLine,
) => void;

/** How {@link analyseLines} analyses. */
export interface LineAnalysisOptions {
  readonly format: DatasetFormat | undefined;
  /** Counts tokens when given. */
  readonly counter?: TokenCounter;
  /** Every line's bytes are known to be valid UTF-8 (one native check over a region is cheaper than strict decoding). */
  readonly validUtf8?: boolean;
}

/**
 * Decodes and analyses lines of a file of known format, with sketches for the duplicate checks (a file is confirmed
 * with exact keys at the end, see confirmDuplicates). The same function runs in worker threads and, without workers,
 * on the calling thread.
 */
export function analyseLines(lines: readonly ByteLine[], options: LineAnalysisOptions, visit: LineVisitor): void {
  const { format, counter, validUtf8 = false } = options;
  const decoder = new LineDecoder();
  for (let row = 0; row < lines.length; row++) {
    const byteLine = lines[row]!;
    let decodeProblem: Problem | undefined;
    const text = decoder.decode(byteLine, (problem) => (decodeProblem = problem), validUtf8);
    const analysis = analyzeLine(text, byteLine.line, format, 'sketch', true);
    if (decodeProblem) analysis.problems.unshift(decodeProblem);
    let tokens: ExampleTokens | undefined;
    if (counter !== undefined && analysis.kind === 'example' && analysis.checkedAs !== undefined) {
      const counted = counter.count(text, byteLine.line, analysis.value, analysis.checkedAs);
      tokens = counted?.tokens;
      if (counted?.problem) analysis.problems.push(counted.problem);
    }
    visit(row, analysis, tokens, byteLine);
  }
}
