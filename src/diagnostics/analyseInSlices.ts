import type { AnalysisSnapshot, DatasetAnalysis, TextSource } from '../core/analysis/datasetAnalysis';

/** Work slice for a first analysis, so a big document never blocks the extension host for long. */
const SLICE_MS = 15;

/**
 * Brings an analysis up to date in slices, yielding to the event loop between them, then returns the snapshot.
 * Undefined when `stale()` turns true between slices (the document changed or closed; a newer run will follow).
 */
export async function analyseInSlices(
  analysis: DatasetAnalysis,
  source: TextSource,
  stale: () => boolean,
): Promise<AnalysisSnapshot | undefined> {
  while (!analysis.warm(source, SLICE_MS)) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stale()) return undefined;
  }
  return analysis.refresh(source);
}
