import type { DatasetFormat } from '../format/datasetFormat';
import { DETECTION_SAMPLE, detectFormat } from '../format/detect';
import { FileCheckAccumulator } from './fileCheckAccumulator';
import { analysisForFormat, analyzeLine, type LineAnalysis } from './lineAnalysis';
import type { ProblemSink } from './problemSink';

// Until the format is known, lines are kept (text and analysis) so they can be checked against it; these caps
// bound that buffer when the top of a file holds no recognisable example.
const MAX_PENDING_LINES = 10_000;
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

/**
 * Line and file checks for a stream of decoded lines. With no forced format it holds the first lines until
 * {@link DETECTION_SAMPLE} recognisable examples (or a cap) decide the format, then checks and drops every line.
 */
export class StreamChecker {
  private formatValue: DatasetFormat | undefined;
  private accumulator: FileCheckAccumulator | undefined;
  private pending: { text: string; analysis: LineAnalysis }[] = [];
  private pendingChars = 0;
  private recognised = 0;

  constructor(
    format: DatasetFormat | undefined,
    private readonly sink: ProblemSink,
  ) {
    if (format !== undefined) this.settle(format);
  }

  get format(): DatasetFormat | undefined {
    return this.formatValue;
  }

  /** Examples (JSON object lines) checked so far. */
  get examples(): number {
    return this.accumulator?.examples ?? 0;
  }

  add(text: string, line: number): void {
    if (this.accumulator !== undefined) {
      this.emit(analyzeLine(text, line, this.formatValue), line);
      return;
    }
    const analysis = analyzeLine(text, line, undefined);
    this.pending.push({ text, analysis });
    this.pendingChars += text.length;
    if (analysis.kind === 'example' && analysis.shape !== 'unknown') this.recognised++;
    if (this.recognised >= DETECTION_SAMPLE || this.pending.length >= MAX_PENDING_LINES || this.pendingChars >= MAX_PENDING_CHARS) {
      this.settle(detectFormat(this.pending.map((p) => p.analysis)));
    }
  }

  /** Runs the file-level checks; `firstLineLength` is the length of line 0's text (0 when it was not decoded). */
  finish(firstLineLength: number): void {
    if (this.accumulator === undefined) this.settle(detectFormat(this.pending.map((p) => p.analysis)));
    this.accumulator?.finishInto(firstLineLength, this.sink);
  }

  private settle(format: DatasetFormat | undefined): void {
    this.formatValue = format;
    this.accumulator = new FileCheckAccumulator(format);
    const pending = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    for (const { text, analysis } of pending) this.emit(analysisForFormat(analysis, text, format), analysis.line);
  }

  private emit(analysis: LineAnalysis, line: number): void {
    this.sink.addAll(analysis.problems);
    const problem = this.accumulator?.add(analysis, line);
    if (problem !== undefined) this.sink.add(problem);
  }
}
