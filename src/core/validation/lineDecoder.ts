import type { ByteLine } from '../jsonl/byteLines';
import { lineRange, type Problem } from '../problem';
import { newProblem } from './newProblem';
import { firstInvalidUtf8 } from './utf8';

/** Decodes lines as strict UTF-8; an invalid line is reported with the file offset of its first bad byte and decoded leniently. */
export class LineDecoder {
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });

  /** Decodes `line`; `validUtf8` says its bytes are already known to be valid, which skips the strict decoder. */
  decode(line: ByteLine, report: (problem: Problem) => void, validUtf8 = false): string {
    if (validUtf8) return this.lenient.decode(line.bytes);
    try {
      return this.strict.decode(line.bytes);
    } catch {
      const bad = Math.max(0, firstInvalidUtf8(line.bytes));
      const byte = (line.bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      const character = this.lenient.decode(line.bytes.subarray(0, bad)).length;
      const message = `Invalid UTF-8 (byte 0x${byte}) at byte offset ${line.byteOffset + bad} of the file; save it as UTF-8`;
      report(newProblem('ft.invalid-utf8', message, lineRange(line.line, character, character + 1)));
      return this.lenient.decode(line.bytes);
    }
  }
}
