import { lineRange, type Problem } from '../problem';
import { listLines, relatedLines } from './lineList';
import { newProblem } from './newProblem';
import { keyHalves } from './hasher';
import { U32Column } from './u32Column';

const NOTED = 10;

/**
 * Finds exact duplicate examples and prompts given different answers from per-line fingerprints. It keeps 36 bytes
 * per example in typed columns and groups by sorting once at the end, so millions of lines stay cheap.
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

  /** Warnings for every later copy of an example and for every line whose prompt another line answers differently. */
  problems(): Problem[] {
    return [...this.duplicates(), ...this.conflicts()];
  }

  private duplicates(): Problem[] {
    const out: Problem[] = [];
    const order = sortedRows(this.line.length, (a, b) => compare(this.exampleHi, this.exampleLo, a, b) || a - b);
    forEachGroup(order, (a, b) => compare(this.exampleHi, this.exampleLo, a, b) === 0, (start, end) => {
      for (let i = start + 1; i < end; i++) {
        const row = order[i] ?? 0;
        const others: number[] = [];
        for (let j = start; j < end && others.length < NOTED; j++) if (j !== i) others.push(order[j] ?? 0);
        const first = this.line.get(order[start] ?? 0);
        const also = others.slice(1).map((r) => this.line.get(r));
        const alsoCount = end - start - 2;
        const message = `Exact duplicate of line ${first + 1}` + (alsoCount > 0 ? ` (also on line${alsoCount > 1 ? 's' : ''} ${listLines(also, alsoCount)})` : '');
        out.push(this.lineProblem('ft.duplicate-example', message, row, others, 'Same example'));
      }
    });
    return out;
  }

  private conflicts(): Problem[] {
    const out: Problem[] = [];
    const count = this.promptRows.length;
    const samePrompt = (a: number, b: number): boolean => compare(this.promptHi, this.promptLo, a, b) === 0;
    const sameAnswer = (a: number, b: number): boolean => compare(this.answerHi, this.answerLo, a, b) === 0;
    const order = sortedRows(count, (a, b) => compare(this.promptHi, this.promptLo, a, b) || compare(this.answerHi, this.answerLo, a, b) || a - b);
    forEachGroup(order, samePrompt, (start, end) => {
      if (sameAnswer(order[start] ?? 0, order[end - 1] ?? 0)) return;
      forEachGroup(order.subarray(start, end), sameAnswer, (subStart, subEnd) => {
        const others: number[] = [];
        for (let j = start; j < end && others.length < NOTED; j++) {
          if (j < start + subStart || j >= start + subEnd) others.push(this.promptRows.get(order[j] ?? 0));
        }
        others.sort((a, b) => a - b);
        const total = end - start - (subEnd - subStart);
        const lines = others.map((r) => this.line.get(r));
        const message = `Same prompt as line${total > 1 ? 's' : ''} ${listLines(lines, total)}, but a different answer`;
        for (let i = start + subStart; i < start + subEnd; i++) {
          out.push(this.lineProblem('ft.conflicting-answers', message, this.promptRows.get(order[i] ?? 0), others, 'Same prompt, other answer'));
        }
      }, 1);
    });
    return out;
  }

  private lineProblem(code: 'ft.duplicate-example' | 'ft.conflicting-answers', message: string, row: number, others: number[], note: string): Problem {
    const range = lineRange(this.line.get(row), 0, this.length.get(row));
    const related = relatedLines(others.map((r) => this.line.get(r)), others.map((r) => this.length.get(r)), note);
    return newProblem(code, message, range, related);
  }
}

function compare(hi: U32Column, lo: U32Column, a: number, b: number): number {
  return hi.get(a) - hi.get(b) || lo.get(a) - lo.get(b);
}

function sortedRows(count: number, order: (a: number, b: number) => number): Uint32Array {
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows.sort(order);
}

/** Calls `visit` for each run of at least `minSize` equal neighbours in a sorted array. */
function forEachGroup(sorted: Uint32Array, same: (a: number, b: number) => boolean, visit: (start: number, end: number) => void, minSize = 2): void {
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && same(sorted[start] ?? 0, sorted[i] ?? 0)) continue;
    if (i - start >= minSize) visit(start, i);
    start = i;
  }
}
