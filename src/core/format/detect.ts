import type { LineAnalysis } from '../validation/lineAnalysis';
import { formatFamily, type DatasetFormat, type FormatFamily } from './datasetFormat';

/** How many recognisable examples from the top of a file decide its format. */
export const DETECTION_SAMPLE = 20;

/**
 * Detects a file's format by majority over its first {@link DETECTION_SAMPLE} lines with a recognisable shape:
 * first the layout family (ties go to the family seen first), then, among `messages` lines, RFT only when more lines
 * end in a user turn than in an assistant turn. Undefined when no line is recognisable.
 */
export function detectFormat(analyses: Iterable<LineAnalysis>): DatasetFormat | undefined {
  const familyVotes = new Map<FormatFamily, number>();
  let chat = 0;
  let rft = 0;
  let sampled = 0;
  for (const analysis of analyses) {
    const shape = analysis.shape;
    if (analysis.kind !== 'example' || shape === undefined || shape === 'unknown') continue;
    const family = formatFamily(shape);
    familyVotes.set(family, (familyVotes.get(family) ?? 0) + 1);
    if (shape === 'chat') chat++;
    if (shape === 'rft') rft++;
    if (++sampled === DETECTION_SAMPLE) break;
  }
  // Maps iterate in insertion order, so a strict comparison leaves ties with the family seen first.
  let winner: FormatFamily | undefined;
  let best = 0;
  for (const [family, votes] of familyVotes) {
    if (votes > best) {
      winner = family;
      best = votes;
    }
  }
  if (winner === undefined) return undefined;
  if (winner === 'messages') return rft > chat ? 'rft' : 'chat';
  return winner;
}
