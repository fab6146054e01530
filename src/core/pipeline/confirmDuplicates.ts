import type { DatasetFormat } from '../format/datasetFormat';
import { openRandomAccess } from '../io/randomAccess';
import type { LinePlace } from '../validation/duplicateCandidates';
import { ExampleIndex } from '../validation/exampleIndex';
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
export async function confirmDuplicates(path: string, candidates: readonly LinePlace[], format: DatasetFormat | undefined, out: ProblemOutput, signal?: AbortSignal): Promise<void> {
  if (candidates.length === 0) return;
  const index = new ExampleIndex();
  const decoder = new LineDecoder();
  const file = await openRandomAccess(path);
  try {
    let first = 0;
    while (first < candidates.length) {
      signal?.throwIfAborted();
      const start = candidates[first]!.byteOffset;
      let end = first + 1;
      while (end < candidates.length && lineEnd(candidates[end]!) - start <= READ_WINDOW_BYTES) end++;
      const bytes = await file.readAt(start, lineEnd(candidates[end - 1]!) - start);
      for (let i = first; i < end; i++) {
        const place = candidates[i]!;
        const from = place.byteOffset - start;
        const line = { line: place.line, byteOffset: place.byteOffset, bytes: bytes.subarray(from, from + place.byteLength), byteLength: place.byteLength, truncated: false };
        // Problems were reported by the first pass; this pass only wants the keys.
        const analysis = analyzeLine(decoder.decode(line, () => undefined), place.line, format);
        if (analysis.exampleKey !== undefined) index.add(place.line, place.length, analysis.exampleKey, analysis.promptKey, analysis.answerKey);
      }
      first = end;
    }
  } finally {
    await file.close();
  }
  index.problems(out);
}

function lineEnd(place: LinePlace): number {
  return place.byteOffset + place.byteLength;
}
