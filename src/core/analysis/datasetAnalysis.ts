import type { DatasetFormat } from '../format/datasetFormat';
import { detectFormat } from '../format/detect';
import type { Problem } from '../problem';
import type { TokenCounter, LineTokens } from './lineTokens';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';
import { fileProblems } from '../validation/fileChecks';
import { applySeverities, type SeverityOverrides } from '../validation/severity';
import { applyLineChanges, type LineChange } from './lineEdits';

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

/** Cached results for one line. */
export interface LineState {
  readonly text: string;
  readonly analysis: LineAnalysis;
  readonly tokens: LineTokens | undefined;
}

/** The result of a refresh: every problem in the document, rebased to current line numbers. */
export interface AnalysisSnapshot {
  readonly format: DatasetFormat | undefined;
  readonly problems: readonly Problem[];
  /** Lines analysed in this refresh (the rest came from the cache). */
  readonly reanalysed: number;
}

const DETECTION_SAMPLE = 50;

/**
 * Incremental validation of one dataset document. Edits invalidate only the lines they touch; a refresh re-analyses
 * those lines and recomputes the file-level checks from the cached per-line results, so a one-line edit in a large
 * document costs one line of parsing plus a pass over small cached records.
 */
export class DatasetAnalysis {
  private lines: (LineState | undefined)[] = [];
  private format: DatasetFormat | undefined;

  constructor(private options: AnalysisOptions) {}

  /** Changes options; everything is re-analysed on the next refresh when they affect per-line results. */
  setOptions(options: AnalysisOptions): void {
    this.options = options;
    this.lines = [];
  }

  /** Records edits so that only the touched lines are re-analysed. */
  applyChanges(changes: readonly LineChange[]): void {
    applyLineChanges(this.lines, changes);
  }

  /** The cached state of a line as of the last refresh. */
  lineState(line: number): LineState | undefined {
    return this.lines[line];
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
    for (let line = 0; line < source.lineCount; line++) {
      if (this.lines[line] !== undefined) continue;
      this.lines[line] = this.analyse(source.lineText(line), line, format);
      if ((line & 63) === 0 && performance.now() > deadline) return false;
    }
    return true;
  }

  /** Brings the cache up to date with the source and returns all problems. */
  refresh(source: TextSource): AnalysisSnapshot {
    const format = this.syncFormat(source);
    let reanalysed = 0;
    const lineProblems: Problem[] = [];
    const analyses: LineAnalysis[] = new Array<LineAnalysis>(source.lineCount);
    for (let line = 0; line < source.lineCount; line++) {
      let state = this.lines[line];
      if (state === undefined) {
        state = this.analyse(source.lineText(line), line, format);
        this.lines[line] = state;
        reanalysed++;
      }
      analyses[line] = state.analysis;
      pushRebased(lineProblems, state.analysis.problems, line);
      if (state.tokens?.problem) pushRebased(lineProblems, [state.tokens.problem], line);
    }
    const problems = applySeverities([...lineProblems, ...fileProblems(analyses, format)], this.options.severities);
    return { format, problems, reanalysed };
  }

  /** Sizes the cache to the source and drops it when the (detected) format changed. */
  private syncFormat(source: TextSource): DatasetFormat | undefined {
    this.lines.length = source.lineCount;
    const format = this.options.format ?? this.detect(source);
    if (format !== this.format) {
      this.format = format;
      this.lines = new Array<LineState | undefined>(source.lineCount);
    }
    return format;
  }

  private analyse(text: string, line: number, format: DatasetFormat | undefined): LineState {
    const analysis = analyzeLine(text, line, format);
    const tokens = analysis.kind === 'example' && format !== undefined ? this.options.tokens?.count(text, line, analysis.value, format) : undefined;
    return { text, analysis, tokens };
  }

  /** Detects the format from the first valid lines, reusing cached analyses where they exist. */
  private detect(source: TextSource): DatasetFormat | undefined {
    const sample: LineAnalysis[] = [];
    for (let line = 0; line < source.lineCount && sample.length < DETECTION_SAMPLE; line++) {
      const analysis = this.lines[line]?.analysis ?? analyzeLine(source.lineText(line), line, undefined);
      if (analysis.kind === 'example') sample.push(analysis);
    }
    return detectFormat(sample);
  }
}

/** Line problems are cached with the line number they had when analysed; lines may have moved since. */
function pushRebased(out: Problem[], problems: readonly Problem[], line: number): void {
  for (const problem of problems) {
    if (problem.range.start.line === line) {
      out.push(problem);
      continue;
    }
    out.push({
      ...problem,
      range: { start: { line, character: problem.range.start.character }, end: { line, character: problem.range.end.character } },
    });
  }
}
