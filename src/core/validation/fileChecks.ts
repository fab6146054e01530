import type { DatasetFormat } from '../format/datasetFormat';
import type { Problem } from '../problem';
import { FileCheckAccumulator } from './fileCheckAccumulator';
import type { LineAnalysis } from './lineAnalysis';

/**
 * The file-level problems of a document, from its cached line analyses only (no re-parsing): mixed formats, too few
 * examples, duplicates, conflicting answers, missing RFT reference fields and the legacy prepare_data endings.
 * `analyses[i]` is the analysis of line i (its own `line` field may be stale after edits).
 */
export function fileProblems(analyses: readonly LineAnalysis[], format: DatasetFormat | undefined): Problem[] {
  const accumulator = new FileCheckAccumulator(format);
  const out: Problem[] = [];
  for (let line = 0; line < analyses.length; line++) {
    const analysis = analyses[line];
    if (analysis === undefined) continue;
    const problem = accumulator.add(analysis, line);
    if (problem !== undefined) out.push(problem);
  }
  for (const problem of accumulator.finish(analyses[0]?.length ?? 0)) out.push(problem);
  return out;
}
