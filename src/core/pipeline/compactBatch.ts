import type { DatasetFormat } from '../format/datasetFormat';
import type { LineShape } from '../format/lineShape';
import type { ByteLine } from '../jsonl/byteLines';
import type { Problem } from '../problem';
import type { ExampleTokens } from '../tokens/exampleTokens';
import type { CompletionPair } from '../validation/checks/completionExample';
import type { LineAnalysis } from '../validation/lineAnalysis';

/**
 * A line's analysis without its parsed value (with sketches, not exact keys), plus its token counts and where its
 * bytes are: what the file checks and statistics need.
 */
export type CompactLine = Omit<LineAnalysis, 'value'> & {
  readonly tokens?: ExampleTokens;
  readonly byteOffset: number;
  readonly byteLength: number;
};

/**
 * The analyses of a batch of lines in typed columns, so a worker's results cross to the main thread as one
 * transferred buffer instead of thousands of cloned objects. Rare parts (problems, RFT fields, completions) are
 * sparse lists of [row, value].
 */
export interface CompactBatch {
  readonly seq: number;
  readonly firstLine: number;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly shapes: Uint8Array;
  readonly checked: Uint8Array;
  readonly lengths: Uint32Array;
  /** 2 per row: the example's sketch and its prompt's. */
  readonly sketches: Uint32Array;
  /** Bit 0: example sketch present; bit 1: prompt sketch present. */
  readonly sketchFlags: Uint8Array;
  readonly byteOffsets: Float64Array;
  readonly byteLengths: Uint32Array;
  /** 3 per row: total, assistant, messages. */
  readonly tokens: Float64Array;
  /** Bit 0: counted; bit 1: has a system message; bit 2: has a user message. */
  readonly tokenFlags: Uint8Array;
  readonly problems: [number, Problem[]][];
  readonly references: [number, string[]][];
  readonly completions: [number, CompletionPair][];
}

const KINDS: readonly LineAnalysis['kind'][] = ['blank', 'invalid', 'example'];
const SHAPES: readonly (LineShape | undefined)[] = [undefined, 'unknown', 'chat', 'preference', 'rft', 'completion'];
/** Bytes per row over all columns: 4 doubles (byte offset, 3 token counts), 4 uint32 (length, 2 sketches, byte length), 5 bytes. */
const ROW_BYTES = 8 * 4 + 4 * 4 + 5;

function code<T>(table: readonly T[], value: T): number {
  return Math.max(0, table.indexOf(value));
}

/** Fills a {@link CompactBatch} row by row (worker side). */
export class CompactBatchWriter {
  private readonly batch: CompactBatch;

  constructor(seq: number, firstLine: number, count: number) {
    // Every column is a view into one buffer, so a batch crosses threads as a single transfer. Widest first, for alignment.
    const buffer = new ArrayBuffer(count * ROW_BYTES);
    let at = 0;
    const claim = <T extends Float64Array | Uint32Array | Uint8Array>(column: T): T => {
      at += column.byteLength;
      return column;
    };
    const f64 = (length: number) => claim(new Float64Array(buffer, at, length));
    const u32 = (length: number) => claim(new Uint32Array(buffer, at, length));
    const u8 = (length: number) => claim(new Uint8Array(buffer, at, length));
    this.batch = {
      seq,
      firstLine,
      count,
      byteOffsets: f64(count),
      tokens: f64(count * 3),
      lengths: u32(count),
      sketches: u32(count * 2),
      byteLengths: u32(count),
      kinds: u8(count),
      shapes: u8(count),
      checked: u8(count),
      sketchFlags: u8(count),
      tokenFlags: u8(count),
      problems: [],
      references: [],
      completions: [],
    };
  }

  /** Sets a row from a line analysed with sketches (see analyseLines). */
  set(
    row: number,
    analysis: Omit<LineAnalysis, 'value'>,
    tokens: ExampleTokens | undefined,
    line: Pick<ByteLine, 'byteOffset' | 'byteLength'>,
  ): void {
    const b = this.batch;
    b.kinds[row] = code(KINDS, analysis.kind);
    b.shapes[row] = code(SHAPES, analysis.shape);
    b.checked[row] = code(SHAPES, analysis.checkedAs);
    b.lengths[row] = analysis.length;
    b.byteOffsets[row] = line.byteOffset;
    b.byteLengths[row] = line.byteLength;
    if (analysis.exampleSketch !== undefined) {
      b.sketches[row * 2] = analysis.exampleSketch;
      b.sketchFlags[row] = 1;
      if (analysis.promptSketch !== undefined) {
        b.sketches[row * 2 + 1] = analysis.promptSketch;
        b.sketchFlags[row] = 3;
      }
    }
    if (tokens !== undefined) {
      b.tokens[row * 3] = tokens.total;
      b.tokens[row * 3 + 1] = tokens.assistant;
      b.tokens[row * 3 + 2] = tokens.messages;
      b.tokenFlags[row] = 1 | (tokens.hasSystem ? 2 : 0) | (tokens.hasUser ? 4 : 0);
    }
    if (analysis.problems.length > 0) b.problems.push([row, analysis.problems]);
    if (analysis.referenceKeys !== undefined) b.references.push([row, analysis.referenceKeys]);
    if (analysis.completion !== undefined) b.completions.push([row, analysis.completion]);
  }

  /** The batch and the buffer to transfer with it. */
  finish(): { batch: CompactBatch; transfer: ArrayBuffer[] } {
    return { batch: this.batch, transfer: [this.batch.kinds.buffer as ArrayBuffer] };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The problems of a row that has none: shared, and frozen so that nobody adds to it. */
const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

/**
 * Calls `visit` with each row of a batch in line order (main side). The visitor gets one object refilled for every
 * row (a big file has millions, and garbage on this thread costs memory): read its values, keep none of the objects.
 */
export function forEachLine(batch: CompactBatch, visit: (line: CompactLine) => void): void {
  const tokens: Mutable<ExampleTokens> = { total: 0, assistant: 0, messages: 0, hasSystem: false, hasUser: false };
  const line: Mutable<CompactLine> = {
    line: 0,
    length: 0,
    kind: 'blank',
    shape: undefined,
    checkedAs: undefined,
    problems: NO_PROBLEMS,
    exampleSketch: undefined,
    promptSketch: undefined,
    byteOffset: 0,
    byteLength: 0,
    referenceKeys: undefined,
    completion: undefined,
    tokens: undefined,
  };
  // The sparse lists are in row order: each is read with a cursor.
  let problemAt = 0;
  let referenceAt = 0;
  let completionAt = 0;
  for (let row = 0; row < batch.count; row++) {
    const flags = batch.sketchFlags[row]!;
    const tokenFlags = batch.tokenFlags[row]!;
    line.line = batch.firstLine + row;
    line.length = batch.lengths[row]!;
    line.kind = KINDS[batch.kinds[row]!]!;
    line.shape = SHAPES[batch.shapes[row]!];
    line.checkedAs = SHAPES[batch.checked[row]!] as DatasetFormat | undefined;
    line.problems = batch.problems[problemAt]?.[0] === row ? batch.problems[problemAt++]![1] : NO_PROBLEMS;
    line.exampleSketch = flags & 1 ? batch.sketches[row * 2] : undefined;
    line.promptSketch = flags & 2 ? batch.sketches[row * 2 + 1] : undefined;
    line.byteOffset = batch.byteOffsets[row]!;
    line.byteLength = batch.byteLengths[row]!;
    line.referenceKeys = batch.references[referenceAt]?.[0] === row ? batch.references[referenceAt++]![1] : undefined;
    line.completion = batch.completions[completionAt]?.[0] === row ? batch.completions[completionAt++]![1] : undefined;
    if (tokenFlags & 1) {
      tokens.total = batch.tokens[row * 3]!;
      tokens.assistant = batch.tokens[row * 3 + 1]!;
      tokens.messages = batch.tokens[row * 3 + 2]!;
      tokens.hasSystem = (tokenFlags & 2) !== 0;
      tokens.hasUser = (tokenFlags & 4) !== 0;
      line.tokens = tokens;
    } else {
      line.tokens = undefined;
    }
    visit(line);
  }
}
