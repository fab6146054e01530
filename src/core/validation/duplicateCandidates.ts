import { F64Column, U32Column } from './blockColumns';
import { indicesOfRepeatedValues } from './repeatedKeys';

/** Where a line of a file is: enough to report on it and to read it again. */
export interface LinePlace {
  readonly line: number;
  /** Length of its text in UTF-16 units. */
  readonly length: number;
  readonly byteOffset: number;
  /** Its bytes without the line terminator. */
  readonly byteLength: number;
}

/**
 * The first half of finding duplicates in a file too big to hold: keeps each example's place and the sketches of
 * the example and of its prompt (28 bytes per example), and picks the lines whose sketches repeat. Equal examples
 * and equal prompts always have equal sketches, so every duplicate and every conflicting answer is among those
 * candidates; exact keys of the candidates alone then decide (see confirmDuplicates).
 */
export class DuplicateCandidates {
  private readonly line = new U32Column();
  private readonly length = new U32Column();
  private readonly byteOffset = new F64Column();
  private readonly byteLength = new U32Column();
  private readonly example = new U32Column();
  private readonly promptRows = new U32Column();
  private readonly prompt = new U32Column();

  /**
   * Adds one example, placed as in {@link LinePlace}; lines must come in increasing order. `promptSketch` is
   * undefined where no answer is defined.
   */
  add(line: number, length: number, byteOffset: number, byteLength: number, exampleSketch: number, promptSketch: number | undefined): void {
    const row = this.line.length;
    this.line.push(line);
    this.length.push(length);
    this.byteOffset.push(byteOffset);
    this.byteLength.push(byteLength);
    this.example.push(exampleSketch);
    if (promptSketch === undefined) return;
    this.promptRows.push(row);
    this.prompt.push(promptSketch);
  }

  /** The lines that may be duplicates or conflicts, in line order. */
  candidates(): LinePlace[] {
    const rows = new Set<number>(indicesOfRepeatedValues(this.example.values()));
    for (const at of indicesOfRepeatedValues(this.prompt.values())) rows.add(this.promptRows.get(at));
    return [...rows]
      .sort((a, b) => a - b)
      .map((row) => ({ line: this.line.get(row), length: this.length.get(row), byteOffset: this.byteOffset.get(row), byteLength: this.byteLength.get(row) }));
  }
}
