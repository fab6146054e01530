import { FORMAT_DETECTION_SAMPLE } from '../defaults';
import { formatFamily, type DatasetFormat, type FormatFamily } from './datasetFormat';
import type { LineShape } from './lineShape';
import { otherFormatOf, type OtherFormat } from './otherFormat';

/** What detection reads of a line (a line analysis has it): its kind, its shape and, for objects, its value. */
export interface DetectionSample {
  readonly kind: 'blank' | 'invalid' | 'example';
  readonly shape: LineShape | undefined;
  readonly value?: unknown;
}

/** What a file holds: a format the studio validates, another tool's layout to convert, or neither (undefined). */
export interface Detection {
  readonly format: DatasetFormat | undefined;
  readonly other: OtherFormat | undefined;
}

/**
 * True for a line that counts towards the {@link FORMAT_DETECTION_SAMPLE}: an object of a recognisable format, or
 * of another tool's layout.
 */
export function isDetectionSample(line: DetectionSample): boolean {
  if (line.kind !== 'example' || line.shape === undefined) return false;
  return line.shape !== 'unknown' || otherLayout(line) !== undefined;
}

/**
 * Detects a file's format by majority over its first {@link FORMAT_DETECTION_SAMPLE} sample lines: first the layout
 * family (ties go to the family seen first), then, among `messages` lines, RFT only when more lines end in a user
 * turn than in an assistant turn. When more of the sample is in one other tool's layout than in any format, the file
 * is that layout and has no format.
 */
export function detectFile(lines: Iterable<DetectionSample>): Detection {
  const familyVotes = new Map<FormatFamily, number>();
  const otherVotes = new Map<OtherFormat, number>();
  let chat = 0;
  let rft = 0;
  let sampled = 0;
  for (const line of lines) {
    if (!isDetectionSample(line)) continue;
    const shape = line.shape!;
    if (shape === 'unknown') {
      const other = otherLayout(line)!;
      otherVotes.set(other, (otherVotes.get(other) ?? 0) + 1);
    } else {
      const family = formatFamily(shape);
      familyVotes.set(family, (familyVotes.get(family) ?? 0) + 1);
      if (shape === 'chat') chat++;
      if (shape === 'rft') rft++;
    }
    if (++sampled === FORMAT_DETECTION_SAMPLE) break;
  }
  const [family, votes] = winner(familyVotes);
  const [other, otherCount] = winner(otherVotes);
  if (other !== undefined && otherCount > votes) return { format: undefined, other };
  if (family === undefined) return { format: undefined, other: undefined };
  if (family === 'messages') return { format: rft > chat ? 'rft' : 'chat', other: undefined };
  return { format: family, other: undefined };
}

/** {@link detectFile}'s format alone. */
export function detectFormat(lines: Iterable<DetectionSample>): DatasetFormat | undefined {
  return detectFile(lines).format;
}

/** The entry with the most votes; maps iterate in insertion order, so ties go to the one seen first. */
function winner<T>(votes: ReadonlyMap<T, number>): [T | undefined, number] {
  let best: T | undefined;
  let count = 0;
  for (const [key, n] of votes) {
    if (n > count) {
      best = key;
      count = n;
    }
  }
  return [best, count];
}

function otherLayout(line: DetectionSample): OtherFormat | undefined {
  const value = line.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? otherFormatOf(value as Record<string, unknown>)
    : undefined;
}
