import type { DatasetFormat } from '../format/datasetFormat';
import { checkedFormat, shapeOf, type LineShape } from '../format/lineShape';
import { lineRange, type Problem } from '../problem';
import { checkExample } from './checks/example';
import type { CompletionPair } from './checks/completionExample';
import { Findings } from './findings';
import { fingerprint, sketch } from './fingerprint';
import { duplicateKeyProblems, loneSurrogateProblems, mayHoldLoneSurrogate } from './hiddenByParse';
import { countKeysInText, countMembers, MAX_NESTING_DEPTH } from './jsonStructure';
import { isJsonObject, typeName } from './jsonValue';
import { syntaxProblem } from './jsonSyntax';
import { locateFindings } from './locate';
import { newProblem } from './newProblem';
import { isBlankFrom } from './whitespace';

/** Everything validation learns from one line on its own; cached per line by editors. */
export interface LineAnalysis {
  /** Zero-based line number the line had when analysed (callers that cache may move lines). */
  readonly line: number;
  /** Length of the line's text in UTF-16 units, for whole-line ranges. */
  readonly length: number;
  readonly kind: 'blank' | 'invalid' | 'example';
  /** What this line looks like on its own (for detection); undefined unless it is a JSON object. */
  readonly shape: LineShape | undefined;
  /** The format the line was checked against; undefined unless it is a JSON object. */
  readonly checkedAs?: DatasetFormat;
  /** The parsed JSON object (other modules count tokens on it). */
  readonly value?: unknown;
  /** Problems local to this line, with absolute line numbers. */
  readonly problems: Problem[];
  /** Canonical hash of the whole example, for exact duplicates. */
  readonly exampleKey?: string;
  /** Hashes of the prompt and of the answer, for "same prompt, different answers". */
  readonly promptKey?: string;
  readonly answerKey?: string;
  /** With `keys: 'sketch'`, instead of the three keys: sketches of the example and of its prompt. */
  readonly exampleSketch?: number;
  readonly promptSketch?: number;
  /** RFT: top-level keys other than messages and tools. */
  readonly referenceKeys?: string[];
  /** Legacy rows, for the prepare_data advice. */
  readonly completion?: CompletionPair;
}

const BOM = 0xfeff;

/**
 * What analyzeLine computes to find duplicates: exact keys (editors, which regroup lines as they change), or
 * sketches (the file validator, which confirms the few repeated sketches with exact keys at the end).
 */
export type DuplicateKeys = 'exact' | 'sketch';

/**
 * Analyses one line (without its terminator). `format` is the file's format, or undefined before it is known, in
 * which case the line is checked as what it looks like. `keys` chooses exact keys or sketches for duplicates.
 * `decodedFromUtf8` says the text was decoded from UTF-8 bytes, so it cannot hold a raw unpaired surrogate (only an
 * escaped one): the file pipeline skips that scan of every line; editor text is UTF-16 and may hold one. The
 * happy path is one JSON.parse, a walk over the containers (nesting, key count), a quote-to-quote scan of the text
 * (keys written) and the checks' walk over the value; jsonc-parser runs only when there is a problem to locate.
 */
export function analyzeLine(
  text: string,
  line: number,
  format: DatasetFormat | undefined,
  keys: DuplicateKeys = 'exact',
  decodedFromUtf8 = false,
): LineAnalysis {
  const problems: Problem[] = [];
  const shift = text.charCodeAt(0) === BOM ? 1 : 0;
  if (shift === 1) problems.push(bomProblem(line, text.length));
  if (isBlankFrom(text, shift)) {
    problems.push(
      newProblem('ft.blank-line', 'Blank line; JSONL files have one example per line', lineRange(line, 0, text.length)),
    );
    return { line, length: text.length, kind: 'blank', shape: undefined, problems };
  }
  const body = shift === 0 ? text : text.slice(shift);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    problems.push(syntaxProblem(body, line, shift, error));
    return { line, length: text.length, kind: 'invalid', shape: undefined, problems };
  }
  if (!isJsonObject(value)) {
    problems.push(
      newProblem(
        'ft.not-an-object',
        `Each line must be one JSON object, not ${typeName(value)}`,
        lineRange(line, 0, text.length),
      ),
    );
    return { line, length: text.length, kind: 'invalid', shape: undefined, problems };
  }
  // One iterative walk over the containers: absurd nesting stops the line here, before anything recursive sees it,
  // and a member count short of the keys written means JSON.parse dropped a repeated key.
  const members = countMembers(value);
  if (members === -1) {
    const message = `JSON nested deeper than ${MAX_NESTING_DEPTH} levels; the line is not checked further`;
    problems.push(newProblem('ft.nesting-too-deep', message, lineRange(line, 0, text.length)));
    return { line, length: text.length, kind: 'invalid', shape: undefined, problems };
  }
  if (members !== countKeysInText(body)) for (const p of duplicateKeyProblems(body, line, shift)) problems.push(p);
  if (mayHoldLoneSurrogate(body, !decodedFromUtf8))
    for (const p of loneSurrogateProblems(body, line, shift)) problems.push(p);
  const shape = shapeOf(value);
  const checkedAs = checkedFormat(shape, format);
  const findings = new Findings();
  const facts = checkExample(value, checkedAs, findings);
  // A loop, not push(...spread): a huge line can have more problems than a call has room for arguments.
  if (findings.list.length > 0)
    for (const problem of locateFindings(findings.list, { line, body, shift })) problems.push(problem);
  // One object literal either way: the shape stays the same for every line, which keeps property access fast.
  const sketches = keys === 'sketch' ? sketch(value, checkedAs) : undefined;
  const exact = sketches === undefined ? fingerprint(value, checkedAs) : undefined;
  return {
    line,
    length: text.length,
    kind: 'example',
    shape,
    checkedAs,
    value,
    problems,
    exampleKey: exact?.exampleKey,
    promptKey: exact?.promptKey,
    answerKey: exact?.answerKey,
    exampleSketch: sketches?.example,
    promptSketch: sketches?.prompt,
    referenceKeys: facts.referenceKeys,
    completion: facts.completion,
  };
}

/**
 * The analysis of the same line for a file of `format`: itself when the format does not change how it is checked
 * (the usual case), else a fresh analysis. Used once the format of a file is detected.
 */
export function analysisForFormat(
  analysis: LineAnalysis,
  text: string,
  format: DatasetFormat | undefined,
): LineAnalysis {
  if (analysis.shape === undefined || analysis.checkedAs === checkedFormat(analysis.shape, format)) return analysis;
  return analyzeLine(text, analysis.line, format);
}

function bomProblem(line: number, length: number): Problem {
  const where = line === 0 ? 'at the start of the file' : 'inside the file (were files concatenated?)';
  return newProblem(
    'ft.bom',
    `UTF-8 byte order mark ${where}; the API rejects it`,
    lineRange(line, 0, Math.min(1, length)),
  );
}
