/**
 * Which lines of a document pass the Conversations view's filter, as a sorted list the virtual list indexes by
 * position. Scanning a 100,000-line document runs in short slices so the host stays responsive and can be cancelled.
 */
import type { CompiledFilter, FilterInput } from './exampleFilter';

/** Reads a document's lines (zero-based, without line endings). */
export interface LineReader {
  readonly lineCount: number;
  readLines(start: number, count: number): Promise<readonly string[]> | readonly string[];
}

/** What the host already knows about each line. */
export interface FilterFacts {
  problemsOf(line: number): FilterInput['problems'];
  tokensOf(line: number): number | undefined;
  /** Lines with at least one problem, ascending; when present, problem navigation searches it instead of each line. */
  readonly problemLines?: readonly number[];
}

export interface ScanOptions {
  readonly signal?: AbortSignal;
  onProgress?(matches: number): void;
}

/** Work done between yields to the event loop. */
const SLICE_MS = 10;
/** Lines read at once; the clock is checked after each batch. */
const BATCH_LINES = 64;

export class FilteredLines {
  /** `lines` undefined: the identity mapping, where position and line are the same. */
  private constructor(
    readonly matches: number,
    private readonly lines: Int32Array | undefined,
  ) {}

  /** Identity mapping (no filter): every line matches, nothing to scan. */
  static all(lineCount: number): FilteredLines {
    return new FilteredLines(lineCount, undefined);
  }

  /**
   * Scans every line; calls onProgress(matchesSoFar) every slice (about every 10 ms of work, yielding to the event
   * loop with setImmediate between slices); rejects with the signal's reason when aborted.
   */
  static async scan(
    reader: LineReader,
    filter: CompiledFilter & { ok: true },
    facts: FilterFacts,
    options: ScanOptions = {},
  ): Promise<FilteredLines> {
    const signal = options.signal;
    signal?.throwIfAborted();
    const lineCount = reader.lineCount;
    if (filter.empty) return FilteredLines.all(lineCount);

    const found = new Int32Array(lineCount);
    let matches = 0;
    let sliceStart = performance.now();
    for (let start = 0; start < lineCount; start += BATCH_LINES) {
      const count = Math.min(BATCH_LINES, lineCount - start);
      const texts = await reader.readLines(start, count);
      signal?.throwIfAborted();
      // A line the reader did not return reads as blank, which no filter with a condition keeps.
      for (let i = 0; i < count; i++) {
        const line = start + i;
        const lineText = texts[i] ?? '';
        if (filter.test({ lineText, problems: facts.problemsOf(line), tokens: facts.tokensOf(line) }))
          found[matches++] = line;
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        options.onProgress?.(matches);
        await new Promise<void>((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
    options.onProgress?.(matches);
    return new FilteredLines(matches, found.slice(0, matches));
  }

  /** The line shown at a position, or undefined outside 0…matches-1. */
  lineAt(position: number): number | undefined {
    if (!Number.isInteger(position) || position < 0 || position >= this.matches) return undefined;
    return this.lines ? this.lines[position] : position;
  }

  /** Position of the line, or of the first matching line after it; undefined when none. */
  positionAtOrAfter(line: number): number | undefined {
    const position = this.lines ? lowerBound(this.lines, line, 0) : Math.max(0, Math.ceil(line));
    return position < this.matches ? position : undefined;
  }

  /**
   * Next/previous position from `from` (exclusive; from = -1 with direction 1 starts at 0) whose line has a problem
   * per facts.
   */
  nextWithProblem(from: number, direction: 1 | -1, facts: FilterFacts): number | undefined {
    const start = direction === 1 ? Math.max(0, Math.floor(from) + 1) : Math.min(this.matches - 1, Math.ceil(from) - 1);
    if (!(start >= 0 && start < this.matches)) return undefined; // also refuses NaN
    if (facts.problemLines) return this.nextInProblemLines(start, direction, facts.problemLines);
    for (let position = start; position >= 0 && position < this.matches; position += direction) {
      if (facts.problemsOf(this.lineAt(position) ?? -1).length > 0) return position;
    }
    return undefined;
  }

  /** Intersects the matches with the sorted problem lines, leapfrogging by binary search from `start`. */
  private nextInProblemLines(start: number, direction: 1 | -1, problemLines: readonly number[]): number | undefined {
    const lines = this.lines;
    if (!lines) {
      const index = direction === 1 ? lowerBound(problemLines, start, 0) : upperBound(problemLines, start, 0) - 1;
      const line = problemLines[index];
      return line !== undefined && line < this.matches ? line : undefined;
    }
    if (direction === 1) {
      let position = start;
      let index = lowerBound(problemLines, lines[position] ?? 0, 0);
      while (position < this.matches && index < problemLines.length) {
        const line = lines[position] ?? 0;
        const problemLine = problemLines[index] ?? 0;
        if (line === problemLine) return position;
        if (line < problemLine) position = lowerBound(lines, problemLine, position + 1, this.matches);
        else index = lowerBound(problemLines, line, index + 1);
      }
      return undefined;
    }
    let position = start;
    let index = upperBound(problemLines, lines[position] ?? 0, 0) - 1;
    while (position >= 0 && index >= 0) {
      const line = lines[position] ?? 0;
      const problemLine = problemLines[index] ?? 0;
      if (line === problemLine) return position;
      if (line > problemLine) position = upperBound(lines, problemLine, 0, position) - 1;
      else index = upperBound(problemLines, line, 0, index) - 1;
    }
    return undefined;
  }
}

interface SortedNumbers {
  readonly length: number;
  readonly [index: number]: number | undefined;
}

/** First index in [low, high) whose value is >= target (high when none). */
function lowerBound(values: SortedNumbers, target: number, low: number, high = values.length): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index in [low, high) whose value is > target (high when none). */
function upperBound(values: SortedNumbers, target: number, low: number, high = values.length): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}
