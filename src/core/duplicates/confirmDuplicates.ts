import type { DatasetFormat } from '../format/datasetFormat';
import { openRandomAccess } from '../io/randomAccess';
import type { CandidateLines } from './duplicateCandidates';
import { ExampleIndex } from './exampleIndex';
import { analyzeLine } from '../validation/lineAnalysis';
import { LineDecoder } from '../validation/lineDecoder';
import type { ProblemOutput } from '../validation/problemOutput';

/** Candidates this close together are read with one call. */
const READ_WINDOW_BYTES = 1024 * 1024;

/**
 * The second half of finding duplicates (see DuplicateCandidates): reads the candidate lines of `path` again, in
 * file order with nearby lines read together, analyses them as the first pass did, and reports exact duplicates
 * and conflicting answers among them. Lines that no longer parse (the file changed meanwhile) drop out.
 */
export async function confirmDuplicates(
  path: string,
  candidates: CandidateLines,
  format: DatasetFormat | undefined,
  out: ProblemOutput,
  signal?: AbortSignal,
): Promise<void> {
  const { line, byteOffset, byteLength } = candidates;
  const count = line.length;
  if (count === 0) return;
  const index = new ExampleIndex();
  const decoder = new LineDecoder();
  const end = (at: number): number => byteOffset[at]! + byteLength[at]!;
  const file = await openRandomAccess(path);
  try {
    for (let first = 0; first < count;) {
      signal?.throwIfAborted();
      const start = byteOffset[first]!;
      let last = first + 1;
      while (last < count && end(last) - start <= READ_WINDOW_BYTES) last++;
      const bytes = await file.readAt(start, end(last - 1) - start);
      for (let at = first; at < last; at++) {
        const from = byteOffset[at]! - start;
        const byteLine = {
          line: line[at]!,
          byteOffset: byteOffset[at]!,
          bytes: bytes.subarray(from, from + byteLength[at]!),
          byteLength: byteLength[at]!,
          truncated: false,
        };
        // Problems were reported by the first pass; this pass only wants the keys (and the length, decoded alike).
        const analysis = analyzeLine(
          decoder.decode(byteLine, () => undefined),
          byteLine.line,
          format,
        );
        if (analysis.exampleKey !== undefined)
          index.add(byteLine.line, analysis.length, analysis.exampleKey, analysis.promptKey, analysis.answerKey);
      }
      first = last;
    }
  } finally {
    await file.close();
  }
  index.problems(out);
}
