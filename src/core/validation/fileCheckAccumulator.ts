import { formatFamily, FORMAT_LABELS, type DatasetFormat } from '../format/datasetFormat';
import { lineRange, type Problem } from '../problem';
import { CompletionEndings } from './completionEndings';
import { ExampleIndex } from './exampleIndex';
import type { LineAnalysis } from './lineAnalysis';
import { newProblem } from './newProblem';
import { ProblemList, type ProblemOutput } from './problemOutput';
import { ReferenceFields } from './referenceFields';

/** The fine-tuning API rejects training files with fewer examples. */
export const MIN_EXAMPLES = 10;

/**
 * The file-level checks, fed one line analysis at a time and keeping only compact data (hashes, counts, running
 * endings). Editors feed cached analyses; the stream validator feeds lines as it reads them and drops them.
 */
export class FileCheckAccumulator {
  private exampleCount = 0;
  private readonly index = new ExampleIndex();
  private readonly references: ReferenceFields | undefined;
  private readonly endings: CompletionEndings | undefined;

  constructor(private readonly format: DatasetFormat | undefined) {
    this.references = format === 'rft' ? new ReferenceFields() : undefined;
    this.endings = format === 'completion' ? new CompletionEndings() : undefined;
  }

  /** Examples (JSON object lines) seen so far. */
  get examples(): number {
    return this.exampleCount;
  }

  /**
   * Adds the analysis of `line` (lines in increasing order; the number is passed because cached analyses may have
   * moved). Returns the problem this line has on its own at file level (a different format), if any.
   */
  add(analysis: Omit<LineAnalysis, 'value'>, line: number): Problem | undefined {
    if (analysis.kind !== 'example') return undefined;
    this.exampleCount++;
    if (analysis.exampleKey !== undefined) this.index.add(line, analysis.length, analysis.exampleKey, analysis.promptKey, analysis.answerKey);
    if (this.references !== undefined && analysis.checkedAs === 'rft') this.references.add(line, analysis.length, analysis.referenceKeys ?? []);
    if (this.endings !== undefined && analysis.completion !== undefined) this.endings.add(line, analysis.length, analysis.completion);
    return this.mixedFormat(analysis, line);
  }

  /** The problems that need the whole file, all built. `firstLineLength` places "too few examples" on line 0. */
  finish(firstLineLength: number): Problem[] {
    const list = new ProblemList();
    this.finishInto(firstLineLength, list);
    return list.problems;
  }

  /**
   * Reports the problems that need the whole file into `out`, which builds only those it keeps: use this with a
   * capped output, since a broken file can have a duplicate or conflict on every line.
   */
  finishInto(firstLineLength: number, out: ProblemOutput): void {
    if (this.exampleCount < MIN_EXAMPLES) {
      const count = this.exampleCount === 1 ? '1 example' : `${this.exampleCount} examples`;
      const message = `The fine-tuning API needs at least ${MIN_EXAMPLES} examples; this file has ${count}`;
      out.report('ft.too-few-examples', () => newProblem('ft.too-few-examples', message, lineRange(0, 0, firstLineLength)));
    }
    this.index.problems(out);
    this.references?.problems(out);
    this.endings?.problems(out);
  }

  private mixedFormat(analysis: LineAnalysis, line: number): Problem | undefined {
    const shape = analysis.shape;
    if (this.format === undefined || shape === undefined || shape === 'unknown') return undefined;
    if (formatFamily(shape) === formatFamily(this.format)) return undefined;
    const message = `This line is a ${FORMAT_LABELS[shape]} example, but the file is ${FORMAT_LABELS[this.format]}; a file holds one format`;
    return newProblem('ft.mixed-formats', message, lineRange(line, 0, analysis.length));
  }
}
