import type { DatasetFormat } from '../format/datasetFormat';
import type { OtherFormat } from '../format/otherFormat';
import { detectFile } from '../format/detect';
import { splitLines } from '../jsonl/lines';
import { byPosition, type Problem } from '../problem';
import { fileProblems } from './fileChecks';
import { analysisForFormat, analyzeLine, type LineAnalysis } from './lineAnalysis';
import { appliesToOtherFormat, otherFormatProblem } from './otherFormatProblem';
import { applySeverities, type SeverityOverrides } from './severity';

/** Options for {@link validateText}. */
export interface ValidateTextOptions {
  /** Forced format; undefined detects it from the first valid lines. */
  readonly format?: DatasetFormat;
  readonly severities?: SeverityOverrides;
}

/** The result of validating a whole text. */
export interface TextValidation {
  readonly format: DatasetFormat | undefined;
  /** Another tool's layout the file is in (then only JSON problems and one "convert it" problem are reported). */
  readonly other: OtherFormat | undefined;
  readonly analyses: LineAnalysis[];
  /** Line and file problems, sorted by position, with the user's severities applied. */
  readonly problems: Problem[];
}

/**
 * The reference validator: the whole text in one pass, with no cache, no streaming and no threads, so its result is
 * easy to trust. Tests compare the two production validators against it: the editor's incremental one
 * (analysis/datasetAnalysis.ts, DatasetAnalysis) and the streamed one of Validate File… and the CLI
 * (pipeline/validateFile.ts). Production code does not call it.
 */
export function validateText(text: string, options: ValidateTextOptions = {}): TextValidation {
  const lines = splitLines(text);
  const first = lines.map((l) => analyzeLine(l.text, l.line, options.format));
  const { format, other } =
    options.format === undefined ? detectFile(first) : { format: options.format, other: undefined };
  const analyses =
    options.format === undefined ? first.map((a, i) => analysisForFormat(a, lines[i]?.text ?? '', format)) : first;
  const problems =
    other === undefined
      ? [...analyses.flatMap((a) => a.problems), ...fileProblems(analyses, format)]
      : [
          otherFormatProblem(other, analyses[0]?.length ?? 0),
          ...analyses.flatMap((a) => a.problems.filter(appliesToOtherFormat)),
        ];
  problems.sort(byPosition);
  return { format, other, analyses, problems: applySeverities(problems, options.severities ?? {}) };
}
