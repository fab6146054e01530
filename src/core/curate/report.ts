/** A note about one input line. */
export interface LineNote {
  /** 1-based line number, as editors show it. */
  readonly line: number;
  readonly reason: string;
  /** The input file, given when an operation reads several (merge). */
  readonly path?: string;
}

/** One file an operation wrote. */
export interface CurationOutput {
  readonly path: string;
  readonly lines: number;
}

/**
 * What a curation operation did. `read` counts every input line; `written` the lines in all outputs. Lines that
 * were read but not written are either listed in `skipped` (blank, too long, duplicate, over the token limit) or,
 * for sampling, simply not chosen. `warnings` are lines that were kept but deserve a look (e.g. not valid JSON).
 * The lists stop at a cap; the counts are always exact.
 */
export interface CurationReport {
  readonly read: number;
  readonly written: number;
  readonly skipped: readonly LineNote[];
  readonly skippedCount: number;
  readonly warnings: readonly LineNote[];
  readonly warningCount: number;
  readonly outputs: readonly CurationOutput[];
  /** For operations that drop duplicates: what made two examples duplicates. */
  readonly compared?: string;
}

/** Default number of notes kept per list: enough to act on, bounded for files with millions of bad lines. */
export const DEFAULT_NOTE_CAP = 1000;

/** Collects a {@link CurationReport} while an operation streams. */
export class ReportBuilder {
  read = 0;
  /** See {@link CurationReport.compared}. */
  compared: string | undefined;
  private readonly skipped: LineNote[] = [];
  private skippedCount = 0;
  private readonly warnings: LineNote[] = [];
  private warningCount = 0;

  constructor(private readonly cap = DEFAULT_NOTE_CAP) {}

  /** Records a line that is not written; `line` is zero-based here and reported 1-based. */
  skip(line: number, reason: string, path?: string): void {
    this.skippedCount++;
    if (this.skipped.length < this.cap) this.skipped.push(note(line, reason, path));
  }

  /** Records a line that is written but worth a look; `line` is zero-based here and reported 1-based. */
  warn(line: number, reason: string, path?: string): void {
    this.warningCount++;
    if (this.warnings.length < this.cap) this.warnings.push(note(line, reason, path));
  }

  finish(outputs: readonly CurationOutput[]): CurationReport {
    return {
      read: this.read,
      written: outputs.reduce((sum, output) => sum + output.lines, 0),
      skipped: inFileOrder(this.skipped),
      skippedCount: this.skippedCount,
      warnings: inFileOrder(this.warnings),
      warningCount: this.warningCount,
      outputs,
      ...(this.compared === undefined ? {} : { compared: this.compared }),
    };
  }
}

/**
 * Notes arrive slightly out of order (the line source notes blank lines of a batch before the operation looks at
 * its examples), so they are sorted by file, in the order files were first named, then by line.
 */
function inFileOrder(notes: readonly LineNote[]): LineNote[] {
  const fileRank = new Map<string | undefined, number>();
  for (const { path } of notes) if (!fileRank.has(path)) fileRank.set(path, fileRank.size);
  return [...notes].sort((a, b) => fileRank.get(a.path)! - fileRank.get(b.path)! || a.line - b.line);
}

function note(line: number, reason: string, path: string | undefined): LineNote {
  return path === undefined ? { line: line + 1, reason } : { line: line + 1, reason, path };
}
