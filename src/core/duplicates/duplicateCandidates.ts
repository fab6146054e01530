import { F64Column, U32Column } from './numberColumns';
import { indicesOfRepeatedValues } from './repeatedKeys';

/** Where the candidate lines of a file are, in line order, one column per field (16 bytes a line). */
export interface CandidateLines {
  readonly line: Uint32Array;
  readonly byteOffset: Float64Array;
  /** Each line's bytes without the line terminator. */
  readonly byteLength: Uint32Array;
}

/**
 * The first half of finding duplicates in a file too big to hold: keeps each example's place and the sketches of
 * the example and of its prompt (24 bytes per example), and picks the lines whose sketches repeat. Equal examples
 * and equal prompts always have equal sketches, so every duplicate and every conflicting answer is among those
 * candidates; exact keys of the candidates alone then decide (see confirmDuplicates).
 */
export class DuplicateCandidates {
  private readonly line = new U32Column();
  private readonly byteOffset = new F64Column();
  private readonly byteLength = new U32Column();
  private readonly example = new U32Column();
  private readonly promptRows = new U32Column();
  private readonly prompt = new U32Column();

  /**
   * Adds one example (fields as in {@link CandidateLines}); lines must come in increasing order. `promptSketch` is
   * undefined where no answer is defined.
   */
  add(
    line: number,
    byteOffset: number,
    byteLength: number,
    exampleSketch: number,
    promptSketch: number | undefined,
  ): void {
    const row = this.line.length;
    this.line.push(line);
    this.byteOffset.push(byteOffset);
    this.byteLength.push(byteLength);
    this.example.push(exampleSketch);
    if (promptSketch === undefined) return;
    this.promptRows.push(row);
    this.prompt.push(promptSketch);
  }

  /** The lines that may be duplicates or conflicts, in line order. */
  candidates(): CandidateLines {
    const marked = new Uint8Array(this.line.length);
    let count = 0;
    const mark = (row: number): void => {
      if (marked[row] === 1) return;
      marked[row] = 1;
      count++;
    };
    for (const row of indicesOfRepeatedValues(this.example.view())) mark(row);
    for (const at of indicesOfRepeatedValues(this.prompt.view())) mark(this.promptRows.get(at));
    const lines = {
      line: new Uint32Array(count),
      byteOffset: new Float64Array(count),
      byteLength: new Uint32Array(count),
    };
    for (let row = 0, at = 0; at < count; row++) {
      if (marked[row] === 0) continue;
      lines.line[at] = this.line.get(row);
      lines.byteOffset[at] = this.byteOffset.get(row);
      lines.byteLength[at] = this.byteLength.get(row);
      at++;
    }
    return lines;
  }
}
