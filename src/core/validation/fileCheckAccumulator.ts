import { formatFamily, FORMAT_LABELS, type DatasetFormat } from '../format/datasetFormat';
import { lineRange, type Problem } from '../problem';
import { CompletionEndings } from './completionEndings';
import { ExampleIndex } from '../duplicates/exampleIndex';
import type { LineAnalysis } from './lineAnalysis';
import { newProblem } from './newProblem';
import { ProblemList, type ProblemOutput } from './problemOutput';
import { ReferenceFields } from './referenceFields';
import { plural } from '../text/plural';

/** The fine-tuning API rejects training files with fewer examples. */
export const MIN_EXAMPLES = 10;

/**
 * The file-level checks, fed one line analysis at a time and keeping only compact data (hashes, counts, running
 * endings). Editors feed cached analyses; the file validator (validateFile) feeds lines as it reads them and drops
 * them.
 */
export class FileCheckAccumulator {
  private exampleCount = 0;
  private readonly index: ExampleIndex | undefined;
  private readonly references: ReferenceFields | undefined;
  private readonly endings: CompletionEndings | undefined;

  /**
   * `duplicates: false` leaves duplicates and conflicting answers to the caller (an editor keeps them up to date
   * incrementally instead of regrouping the whole file on every keystroke).
   */
  constructor(
    private readonly format: DatasetFormat | undefined,
    options: { readonly duplicates?: boolean } = {},
  ) {
    this.index = options.duplicates === false ? undefined : new ExampleIndex();
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
    if (analysis.exampleKey !== undefined)
      this.index?.add(line, analysis.length, analysis.exampleKey, analysis.promptKey, analysis.answerKey);
    if (this.references !== undefined && analysis.checkedAs === 'rft')
      this.references.add(line, analysis.length, analysis.referenceKeys ?? []);
    if (this.endings !== undefined && analysis.completion !== undefined)
      this.endings.add(line, analysis.length, analysis.completion);
    return mixedFormatProblem(analysis, line, this.format);
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
    if (this.exampleCount < MIN_EXAMPLES)
      out.report('ft.too-few-examples', () => tooFewExamplesProblem(this.exampleCount, firstLineLength));
    this.index?.problems(out);
    this.references?.problems(out);
    this.endings?.problems(out);
  }
}

/** The error for a file with fewer than {@link MIN_EXAMPLES} examples, on line 0. */
export function tooFewExamplesProblem(examples: number, firstLineLength: number): Problem {
  return newProblem(
    'ft.too-few-examples',
    `The fine-tuning API needs at least ${MIN_EXAMPLES} examples; this file has ${plural(examples, 'example')}`,
    lineRange(0, 0, firstLineLength),
  );
}

/** The warning for a line of another layout family than the file's format, if it is one. */
export function mixedFormatProblem(
  analysis: Pick<LineAnalysis, 'shape' | 'length'>,
  line: number,
  format: DatasetFormat | undefined,
): Problem | undefined {
  const shape = analysis.shape;
  if (format === undefined || shape === undefined || shape === 'unknown') return undefined;
  if (formatFamily(shape) === formatFamily(format)) return undefined;
  const message = `This line is a ${FORMAT_LABELS[shape]} example, but the file is ${FORMAT_LABELS[format]}; a file holds one format`;
  return newProblem('ft.mixed-formats', message, lineRange(line, 0, analysis.length));
}
