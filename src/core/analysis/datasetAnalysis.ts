import type { DatasetFormat } from '../format/datasetFormat';
import { FORMAT_DETECTION_MAX_LINES, FORMAT_DETECTION_SAMPLE } from '../defaults';
import { detectFile, isDetectionSample, type Detection } from '../format/detect';
import type { OtherFormat } from '../format/otherFormat';
import type { Problem } from '../problem';
import {
  FileCheckAccumulator,
  MIN_EXAMPLES,
  mixedFormatProblem,
  tooFewExamplesProblem,
} from '../validation/fileCheckAccumulator';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';
import { appliesToOtherFormat, otherFormatProblem } from '../validation/otherFormatProblem';
import { ProblemList } from '../validation/problemOutput';
import { applySeverities, type SeverityOverrides } from '../validation/severity';
import { DuplicateGroups } from '../duplicates/duplicateGroups';
import { applyLineChanges, type LineChange } from './lineEdits';
import type { LineTokens, TokenCounter } from './lineTokens';

/** Read access to a document's lines (an editor document, or an in-memory text in tests and benchmarks). */
export interface TextSource {
  readonly lineCount: number;
  lineText(line: number): string;
}

/** What the analysis needs to know besides the text. */
export interface AnalysisOptions {
  /** Forced format; undefined detects it from the first valid lines. */
  readonly format: DatasetFormat | undefined;
  readonly severities: SeverityOverrides;
  /** Counts tokens and checks the model's example limit; undefined skips token work. */
  readonly tokens: TokenCounter | undefined;
}

/** Cached results for one line. `line` is where the line is now (lines move as others are inserted or removed). */
export interface LineState {
  line: number;
  readonly text: string;
  readonly analysis: LineAnalysis;
  readonly tokens: LineTokens | undefined;
  /** The line's own file-level problem: an example of another format than the file's. */
  readonly mixed: Problem | undefined;
}

/** The result of a refresh: every problem in the document, at current line numbers. */
export interface AnalysisSnapshot {
  readonly format: DatasetFormat | undefined;
  /** Another tool's layout the document is in: then only JSON problems and one "convert it" problem are listed. */
  readonly other: OtherFormat | undefined;
  readonly problems: readonly Problem[];
  /** Lines analysed in this refresh (the rest came from the cache). */
  readonly reanalysed: number;
}

/**
 * The editor's validator (diagnostics as you type, the Dataset Report of an open document): incremental validation
 * of one dataset document. The file validator of Validate File… and the CLI is pipeline/validateFile.ts; both are
 * tested against the reference, validation/validateText.ts. Edits invalidate only the lines they touch; a refresh
 * re-analyses just those lines, keeps duplicate groups, the example count and the set of lines with problems up to
 * date by adding and removing those lines, and builds the problem list from that set — so a one-line edit in a large
 * document costs one line of parsing, not a pass over every line. (Reinforcement and legacy completion files also
 * re-run their per-file field and ending checks, which need every line.)
 */
export class DatasetAnalysis {
  private lines: (LineState | undefined)[] = [];
  private readonly groups = new DuplicateGroups<LineState>();
  /** Lines with a problem of their own; the only ones a refresh visits. */
  private readonly flagged = new Set<LineState>();
  private examples = 0;
  private tokens = 0;
  private overLimit = 0;
  /** Lines invalidated since the last refresh (current coordinates). */
  private dirty: number[] = [];
  /** Every line has been analysed once; until then a refresh scans for missing lines. */
  private complete = false;
  /** Lines from here on may have moved since their `line` was set. */
  private movedFrom = Number.POSITIVE_INFINITY;
  private format: DatasetFormat | undefined;
  private other: OtherFormat | undefined;

  constructor(private options: AnalysisOptions) {}

  /** Changes options; everything is re-analysed on the next refresh. */
  setOptions(options: AnalysisOptions): void {
    this.options = options;
    this.reset();
  }

  /** Records edits so that only the touched lines are re-analysed. */
  applyChanges(changes: readonly LineChange[]): void {
    for (const change of changes) {
      const removed = change.endLine - change.startLine + 1;
      const delta = change.newLineCount - removed;
      this.dirty = this.dirty
        .filter((line) => line < change.startLine || line > change.endLine)
        .map((line) => (line > change.endLine ? line + delta : line));
      for (let i = 0; i < change.newLineCount; i++) this.dirty.push(change.startLine + i);
      if (delta !== 0) this.movedFrom = Math.min(this.movedFrom, change.startLine);
    }
    applyLineChanges(this.lines, changes, (dropped) => this.forget(dropped));
  }

  /** The cached state of a line as of the last refresh. */
  lineState(line: number): LineState | undefined {
    return this.lines[line];
  }

  /** Examples, their tokens and those over the model's limit, kept up to date per line (no pass over the file). */
  totals(): { readonly examples: number; readonly tokens: number; readonly overLimit: number } {
    return { examples: this.examples, tokens: this.tokens, overLimit: this.overLimit };
  }

  /** All cached line states in order (after a refresh, one per line). */
  states(): readonly (LineState | undefined)[] {
    return this.lines;
  }

  /**
   * Analyses not-yet-cached lines until `budgetMs` has passed; true when every line is cached. Lets an adapter spread
   * the first analysis of a big document over several turns of the event loop instead of blocking it.
   */
  warm(source: TextSource, budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    const format = this.syncFormat(source);
    if (this.complete) return true;
    for (let line = 0; line < source.lineCount; line++) {
      if (this.lines[line] !== undefined) continue;
      this.store(line, source.lineText(line), format);
      if ((line & 63) === 0 && performance.now() > deadline) return false;
    }
    this.markComplete();
    return true;
  }

  /** Brings the cache up to date with the source and returns all problems. */
  refresh(source: TextSource): AnalysisSnapshot {
    const format = this.syncFormat(source);
    let reanalysed = 0;
    const lineCount = source.lineCount;
    if (!this.complete) {
      for (let line = 0; line < lineCount; line++) {
        if (this.lines[line] !== undefined) continue;
        this.store(line, source.lineText(line), format);
        reanalysed++;
      }
      this.markComplete();
    } else {
      for (const line of this.dirty) {
        if (line >= lineCount || this.lines[line] !== undefined) continue;
        this.store(line, source.lineText(line), format);
        reanalysed++;
      }
      this.dirty = [];
    }
    for (let line = this.movedFrom; line < lineCount; line++) this.lines[line]!.line = line;
    this.movedFrom = Number.POSITIVE_INFINITY;

    const problems: Problem[] = [];
    const other = this.other;
    if (other !== undefined) {
      // Another tool's layout: one problem says so; the format checks that fail on every line are left out.
      problems.push(otherFormatProblem(other, this.lines[0]?.analysis.length ?? 0));
      for (const state of this.flagged)
        pushAt(problems, state.analysis.problems.filter(appliesToOtherFormat), state.line);
      return { format, other, problems: applySeverities(problems, this.options.severities), reanalysed };
    }
    for (const state of this.flagged) {
      pushAt(problems, state.analysis.problems, state.line);
      if (state.tokens?.problem) pushAt(problems, [state.tokens.problem], state.line);
      if (state.mixed) pushAt(problems, [state.mixed], state.line);
    }
    const fileProblems = new ProblemList();
    const firstLineLength = this.lines[0]?.analysis.length ?? 0;
    if (format === 'rft' || format === 'completion') {
      const fileChecks = new FileCheckAccumulator(format, { duplicates: false });
      for (let line = 0; line < lineCount; line++) fileChecks.add(this.lines[line]!.analysis, line);
      fileChecks.finishInto(firstLineLength, fileProblems);
    } else if (this.examples < MIN_EXAMPLES) {
      fileProblems.report('ft.too-few-examples', () => tooFewExamplesProblem(this.examples, firstLineLength));
    }
    this.groups.problems(fileProblems);
    problems.push(...fileProblems.problems);
    return { format, other, problems: applySeverities(problems, this.options.severities), reanalysed };
  }

  private store(line: number, text: string, format: DatasetFormat | undefined): LineState {
    const analysis = analyzeLine(text, line, format);
    const isExample = analysis.kind === 'example';
    const tokens =
      isExample && analysis.checkedAs !== undefined
        ? this.options.tokens?.count(text, line, analysis.value, analysis.checkedAs)
        : undefined;
    const mixed = isExample ? mixedFormatProblem(analysis, line, format) : undefined;
    const state: LineState = { line, text, analysis, tokens, mixed };
    this.lines[line] = state;
    this.groups.add(state);
    if (isExample) this.examples++;
    this.tokens += tokens?.tokens.total ?? 0;
    if (tokens?.problem) this.overLimit++;
    if (analysis.problems.length > 0 || tokens?.problem || mixed) this.flagged.add(state);
    return state;
  }

  private forget(state: LineState): void {
    this.groups.remove(state);
    this.flagged.delete(state);
    if (state.analysis.kind === 'example') this.examples--;
    this.tokens -= state.tokens?.tokens.total ?? 0;
    if (state.tokens?.problem) this.overLimit--;
  }

  private markComplete(): void {
    this.complete = true;
    this.dirty = [];
  }

  /** Keeps the cache sized to the source and starts over when the (detected) format changed. */
  private syncFormat(source: TextSource): DatasetFormat | undefined {
    // Edits always arrive through applyChanges; a size mismatch means a missed event, so start over.
    if (this.complete && this.lines.length !== source.lineCount) this.reset();
    const { format, other } =
      this.options.format === undefined ? this.detect(source) : { format: this.options.format, other: undefined };
    this.other = other;
    if (format !== this.format) {
      this.format = format;
      this.reset();
    }
    return format;
  }

  private reset(): void {
    // Filled in line order: a preallocated `new Array(n)` of 100k+ entries would be a slow dictionary-mode array.
    this.lines = [];
    this.groups.clear();
    this.flagged.clear();
    this.examples = 0;
    this.tokens = 0;
    this.overLimit = 0;
    this.dirty = [];
    this.complete = false;
    this.movedFrom = Number.POSITIVE_INFINITY;
  }

  /** Detects the format from the first sample lines, reusing cached analyses where they exist. */
  private detect(source: TextSource): Detection {
    const sample: LineAnalysis[] = [];
    const end = Math.min(source.lineCount, FORMAT_DETECTION_MAX_LINES);
    for (let line = 0; line < end && sample.length < FORMAT_DETECTION_SAMPLE; line++) {
      const analysis = this.lines[line]?.analysis ?? analyzeLine(source.lineText(line), line, undefined);
      if (isDetectionSample(analysis)) sample.push(analysis);
    }
    return detectFile(sample);
  }
}

/** Line problems are cached with the line number they had when analysed; lines may have moved since. */
function pushAt(out: Problem[], problems: readonly Problem[], line: number): void {
  for (const problem of problems) {
    if (problem.range.start.line === line) {
      out.push(problem);
      continue;
    }
    out.push({
      ...problem,
      range: {
        start: { line, character: problem.range.start.character },
        end: { line, character: problem.range.end.character },
      },
    });
  }
}
