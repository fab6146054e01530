import type { TokenCounter } from '../analysis/lineTokens';
import type { DatasetFormat } from '../format/datasetFormat';
import type { ByteLine } from '../jsonl/byteLines';
import type { Problem } from '../problem';
import type { ExampleTokens } from '../tokens/exampleTokens';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';
import { LineDecoder } from '../validation/lineDecoder';

/** A line's analysis without its parsed value, plus its token counts: small enough to send between threads. */
export type CompactLine = Omit<LineAnalysis, 'value'> & { readonly tokens?: ExampleTokens };

/**
 * Decodes and analyses lines for a file of known format, counting tokens when a counter is given. The same function
 * runs in worker threads and, for small files, on the calling thread.
 */
export function analyseLines(lines: readonly ByteLine[], format: DatasetFormat | undefined, counter: TokenCounter | undefined): CompactLine[] {
  const decoder = new LineDecoder();
  const out: CompactLine[] = [];
  for (const byteLine of lines) {
    const decodeProblems: Problem[] = [];
    const text = decoder.decode(byteLine, (problem) => decodeProblems.push(problem));
    const { value, ...analysis } = analyzeLine(text, byteLine.line, format);
    if (decodeProblems.length > 0) analysis.problems.unshift(...decodeProblems);
    let tokens: ExampleTokens | undefined;
    if (counter !== undefined && analysis.kind === 'example' && analysis.checkedAs !== undefined) {
      const counted = counter.count(text, byteLine.line, value, analysis.checkedAs);
      tokens = counted?.tokens;
      if (counted?.problem) analysis.problems.push(counted.problem);
    }
    out.push(tokens === undefined ? analysis : { ...analysis, tokens });
  }
  return out;
}
