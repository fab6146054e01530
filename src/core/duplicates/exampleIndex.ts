import { conflictProblem, duplicateProblem, NOTED_LINES, type GroupLine } from './duplicateProblems';
import { keyHalves } from '../validation/hasher';
import type { ProblemOutput } from '../validation/problemOutput';
import { indicesOfRepeatedKeys } from './repeatedKeys';
import { U32Column } from './numberColumns';

/**
 * Finds exact duplicate examples and prompts given different answers from per-line fingerprints. It keeps 36 bytes
 * per example in typed columns; at the end one linear pass over a key table (indicesOfRepeatedKeys) picks the few
 * keys that repeat, and only those rows are sorted and grouped, so millions of lines stay cheap. Problems come out in
 * line order, so an output that keeps only the first few per code keeps the first lines.
 */
export class ExampleIndex {
  private readonly line = new U32Column();
  private readonly length = new U32Column();
  private readonly exampleHi = new U32Column();
  private readonly exampleLo = new U32Column();
  private readonly promptRows = new U32Column();
  private readonly promptHi = new U32Column();
  private readonly promptLo = new U32Column();
  private readonly answerHi = new U32Column();
  private readonly answerLo = new U32Column();

  /** Adds one example; lines must come in increasing order. */
  add(line: number, length: number, exampleKey: string, promptKey?: string, answerKey?: string): void {
    const row = this.line.length;
    this.line.push(line);
    this.length.push(length);
    const [hi, lo] = keyHalves(exampleKey);
    this.exampleHi.push(hi);
    this.exampleLo.push(lo);
    if (promptKey === undefined || answerKey === undefined) return;
    const [promptHi, promptLo] = keyHalves(promptKey);
    const [answerHi, answerLo] = keyHalves(answerKey);
    this.promptRows.push(row);
    this.promptHi.push(promptHi);
    this.promptLo.push(promptLo);
    this.answerHi.push(answerHi);
    this.answerLo.push(answerLo);
  }

  /** Warns about every later copy of an example and every line whose prompt another line answers differently. */
  problems(out: ProblemOutput): void {
    this.duplicates(out);
    this.conflicts(out);
  }

  private duplicates(out: ProblemOutput): void {
    const rows = indicesOfRepeatedKeys(this.exampleHi.view(), this.exampleLo.view());
    const sameExample = (a: number, b: number): number =>
      compare(this.exampleHi, this.exampleLo, rows[a] ?? 0, rows[b] ?? 0);
    // Sorted by key, then by line, so each group lists its first copy first.
    const order = sortedIndices(rows.length, (a, b) => sameExample(a, b) || a - b);
    const groups = groupBounds(order, sameExample);
    const position = inverse(order);
    for (let candidate = 0; candidate < rows.length; candidate++) {
      const at = position[candidate] ?? 0;
      const start = groups.start[at] ?? 0;
      const end = groups.end[at] ?? 0;
      // The first copy stays unflagged: deleting the flagged lines leaves one.
      if (at === start) continue;
      out.report('ft.duplicate-example', () => {
        const others: number[] = [];
        for (let j = start; j < end && others.length < NOTED_LINES; j++)
          if (j !== at) others.push(rows[order[j] ?? 0] ?? 0);
        return duplicateProblem(
          this.groupLine(rows[candidate] ?? 0),
          others.map((r) => this.groupLine(r)),
          end - start,
        );
      });
    }
  }

  private conflicts(out: ProblemOutput): void {
    // Only prompts that occur more than once can be answered in different ways.
    const prompts = indicesOfRepeatedKeys(this.promptHi.view(), this.promptLo.view());
    const samePrompt = (a: number, b: number): number =>
      compare(this.promptHi, this.promptLo, prompts[a] ?? 0, prompts[b] ?? 0);
    const sameAnswer = (a: number, b: number): number =>
      samePrompt(a, b) || compare(this.answerHi, this.answerLo, prompts[a] ?? 0, prompts[b] ?? 0);
    const order = sortedIndices(prompts.length, (a, b) => sameAnswer(a, b) || a - b);
    const promptGroups = groupBounds(order, samePrompt);
    const answerGroups = groupBounds(order, sameAnswer);
    const position = inverse(order);
    for (let candidate = 0; candidate < prompts.length; candidate++) {
      const at = position[candidate] ?? 0;
      const start = promptGroups.start[at] ?? 0;
      const end = promptGroups.end[at] ?? 0;
      const answerStart = answerGroups.start[at] ?? 0;
      const answerEnd = answerGroups.end[at] ?? 0;
      if (answerEnd - answerStart === end - start) continue;
      out.report('ft.conflicting-answers', () => {
        const others: number[] = [];
        for (let j = start; j < end && others.length < NOTED_LINES; j++) {
          if (j < answerStart || j >= answerEnd) others.push(this.promptRows.get(prompts[order[j] ?? 0] ?? 0));
        }
        others.sort((a, b) => a - b);
        const total = end - start - (answerEnd - answerStart);
        return conflictProblem(
          this.groupLine(this.promptRows.get(prompts[candidate] ?? 0)),
          others.map((r) => this.groupLine(r)),
          total,
        );
      });
    }
  }

  private groupLine(row: number): GroupLine {
    return { line: this.line.get(row), length: this.length.get(row) };
  }
}

function compare(hi: U32Column, lo: U32Column, a: number, b: number): number {
  return hi.get(a) - hi.get(b) || lo.get(a) - lo.get(b);
}

function sortedIndices(count: number, order: (a: number, b: number) => number): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  return indices.sort(order);
}

/** For each position of a sorted array, where its run of equal neighbours starts and ends (exclusive). */
function groupBounds(
  sorted: Uint32Array,
  compareRows: (a: number, b: number) => number,
): { start: Uint32Array; end: Uint32Array } {
  const start = new Uint32Array(sorted.length);
  const end = new Uint32Array(sorted.length);
  for (let i = 1; i < sorted.length; i++) {
    start[i] = compareRows(sorted[i - 1] ?? 0, sorted[i] ?? 0) === 0 ? (start[i - 1] ?? 0) : i;
  }
  for (let i = sorted.length - 1; i >= 0; i--) {
    end[i] = i + 1 < sorted.length && start[i + 1] === start[i] ? (end[i + 1] ?? 0) : i + 1;
  }
  return { start, end };
}

/** position[row] = where row sits in `order`. */
function inverse(order: Uint32Array): Uint32Array {
  const position = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) position[order[i] ?? 0] = i;
  return position;
}
