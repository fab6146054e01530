import type { TokenCounter } from '../analysis/lineTokens';
import type { DatasetFormat } from '../format/datasetFormat';
import type { ByteLine } from '../jsonl/byteLines';
import type { Problem } from '../problem';
import type { ExampleTokens } from '../tokens/exampleTokens';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';
import { LineDecoder } from '../validation/lineDecoder';

/** Receives each analysed line: its analysis (with the parsed value, not to be kept) and its token counts. */
export type LineVisitor = (row: number, analysis: LineAnalysis, tokens: ExampleTokens | undefined) => void;

/**
 * Decodes and analyses lines for a file of known format, counting tokens when a counter is given. The same function
 * runs in worker threads and, without workers, on the calling thread. `validUtf8` says every line's bytes are known
 * to be valid UTF-8 (one native check over a whole region is much cheaper than a strict decode per line).
 */
export function analyseLines(lines: readonly ByteLine[], format: DatasetFormat | undefined, counter: TokenCounter | undefined, visit: LineVisitor, validUtf8 = false): void {
  const decoder = new LineDecoder();
  for (let row = 0; row < lines.length; row++) {
    const byteLine = lines[row]!;
    let decodeProblem: Problem | undefined;
    const text = decoder.decode(byteLine, (problem) => (decodeProblem = problem), validUtf8);
    const analysis = analyzeLine(text, byteLine.line, format);
    if (decodeProblem) analysis.problems.unshift(decodeProblem);
    let tokens: ExampleTokens | undefined;
    if (counter !== undefined && analysis.kind === 'example' && analysis.checkedAs !== undefined) {
      const counted = counter.count(text, byteLine.line, analysis.value, analysis.checkedAs);
      tokens = counted?.tokens;
      if (counted?.problem) analysis.problems.push(counted.problem);
    }
    visit(row, analysis, tokens);
  }
}
