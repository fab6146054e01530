import type { DatasetFormat } from '../format/datasetFormat';
import type { LineShape } from '../format/lineShape';
import type { Problem } from '../problem';
import type { ExampleTokens } from '../tokens/exampleTokens';
import type { CompletionPair } from '../validation/checks/completionExample';
import type { LineAnalysis } from '../validation/lineAnalysis';

/** A line's analysis without its parsed value, plus its token counts: what the file checks and statistics need. */
export type CompactLine = Omit<LineAnalysis, 'value'> & { readonly tokens?: ExampleTokens };

/**
 * The analyses of a batch of lines in typed columns, so a worker's results cross to the main thread as a few
 * transferred buffers instead of thousands of cloned objects. Rare parts (problems, RFT fields, completions) are
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
  /** 12 UTF-16 units per row: example, prompt and answer keys (4 each; each key is 4 units). */
  readonly keys: Uint16Array;
  /** Bit 0: example key present; bit 1: prompt and answer keys present. */
  readonly keyFlags: Uint8Array;
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
const KEY_UNITS = 4;

function code<T>(table: readonly T[], value: T): number {
  return Math.max(0, table.indexOf(value));
}

function putKey(keys: Uint16Array, at: number, key: string): void {
  for (let i = 0; i < KEY_UNITS; i++) keys[at + i] = key.charCodeAt(i);
}

function getKey(keys: Uint16Array, at: number): string {
  return String.fromCharCode(keys[at]!, keys[at + 1]!, keys[at + 2]!, keys[at + 3]!);
}

/** Fills a {@link CompactBatch} row by row (worker side). */
export class CompactBatchWriter {
  private readonly batch: CompactBatch;

  constructor(seq: number, firstLine: number, count: number) {
    this.batch = {
      seq,
      firstLine,
      count,
      kinds: new Uint8Array(count),
      shapes: new Uint8Array(count),
      checked: new Uint8Array(count),
      lengths: new Uint32Array(count),
      keys: new Uint16Array(count * 3 * KEY_UNITS),
      keyFlags: new Uint8Array(count),
      tokens: new Float64Array(count * 3),
      tokenFlags: new Uint8Array(count),
      problems: [],
      references: [],
      completions: [],
    };
  }

  set(row: number, analysis: Omit<LineAnalysis, 'value'>, tokens: ExampleTokens | undefined): void {
    const b = this.batch;
    b.kinds[row] = code(KINDS, analysis.kind);
    b.shapes[row] = code(SHAPES, analysis.shape);
    b.checked[row] = code(SHAPES, analysis.checkedAs);
    b.lengths[row] = analysis.length;
    const keyAt = row * 3 * KEY_UNITS;
    if (analysis.exampleKey !== undefined) {
      putKey(b.keys, keyAt, analysis.exampleKey);
      b.keyFlags[row] = 1;
      if (analysis.promptKey !== undefined && analysis.answerKey !== undefined) {
        putKey(b.keys, keyAt + KEY_UNITS, analysis.promptKey);
        putKey(b.keys, keyAt + 2 * KEY_UNITS, analysis.answerKey);
        b.keyFlags[row] = 3;
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

  /** The batch and the buffers to transfer with it. */
  finish(): { batch: CompactBatch; transfer: ArrayBuffer[] } {
    const b = this.batch;
    const transfer = [b.kinds, b.shapes, b.checked, b.lengths, b.keys, b.keyFlags, b.tokens, b.tokenFlags].map((column) => column.buffer as ArrayBuffer);
    return { batch: b, transfer };
  }
}

/** Calls `visit` with each row of a batch in line order (main side). */
export function forEachLine(batch: CompactBatch, visit: (line: CompactLine) => void): void {
  const problems = new Map(batch.problems);
  const references = new Map(batch.references);
  const completions = new Map(batch.completions);
  for (let row = 0; row < batch.count; row++) {
    const keyAt = row * 3 * KEY_UNITS;
    const flags = batch.keyFlags[row]!;
    const tokenFlags = batch.tokenFlags[row]!;
    visit({
      line: batch.firstLine + row,
      length: batch.lengths[row]!,
      kind: KINDS[batch.kinds[row]!]!,
      shape: SHAPES[batch.shapes[row]!],
      checkedAs: SHAPES[batch.checked[row]!] as DatasetFormat | undefined,
      problems: problems.get(row) ?? [],
      exampleKey: flags & 1 ? getKey(batch.keys, keyAt) : undefined,
      promptKey: flags & 2 ? getKey(batch.keys, keyAt + KEY_UNITS) : undefined,
      answerKey: flags & 2 ? getKey(batch.keys, keyAt + 2 * KEY_UNITS) : undefined,
      referenceKeys: references.get(row),
      completion: completions.get(row),
      tokens: tokenFlags & 1
        ? { total: batch.tokens[row * 3]!, assistant: batch.tokens[row * 3 + 1]!, messages: batch.tokens[row * 3 + 2]!, hasSystem: (tokenFlags & 2) !== 0, hasUser: (tokenFlags & 4) !== 0 }
        : undefined,
    });
  }
}
