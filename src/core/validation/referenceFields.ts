import { lineRange } from '../problem';
import { quote } from './findings';
import { newProblem } from './newProblem';
import type { ProblemOutput } from './problemOutput';
import { U32Column } from '../duplicates/numberColumns';

// One bit per field in a 32-bit mask; later field names are not tracked (real grader data has a handful).
const TRACKED = 32;

/**
 * Tracks which reference fields each RFT example has and warns where a field that most examples (more than half)
 * carry is missing: the grader reading `{{ item.field }}` would find nothing there.
 */
export class ReferenceFields {
  private readonly index = new Map<string, number>();
  private readonly counts: number[] = [];
  private readonly line = new U32Column();
  private readonly length = new U32Column();
  private readonly mask = new U32Column();

  add(line: number, length: number, keys: readonly string[]): void {
    let mask = 0;
    for (const key of keys) {
      let bit = this.index.get(key);
      if (bit === undefined && this.index.size < TRACKED) {
        bit = this.index.size;
        this.index.set(key, bit);
        this.counts.push(0);
      }
      if (bit === undefined) continue;
      mask |= 1 << bit;
      this.counts[bit] = (this.counts[bit] ?? 0) + 1;
    }
    this.line.push(line);
    this.length.push(length);
    this.mask.push(mask >>> 0);
  }

  problems(out: ProblemOutput): void {
    const total = this.line.length;
    const common = [...this.index].filter(([, bit]) => (this.counts[bit] ?? 0) * 2 > total);
    let commonMask = 0;
    for (const [, bit] of common) commonMask |= 1 << bit;
    for (let row = 0; row < total; row++) {
      const mask = this.mask.get(row);
      if ((mask & commonMask) === commonMask) continue;
      out.report('ft.rft-missing-reference', () => {
        const missing = common.filter(([, bit]) => (mask & (1 << bit)) === 0);
        const list = missing
          .map(([key, bit]) => `${quote(key)} (in ${this.counts[bit] ?? 0} of ${total} examples)`)
          .join(', ');
        const message = `Missing reference field${missing.length > 1 ? 's' : ''} ${list}; the grader may read it`;
        return newProblem('ft.rft-missing-reference', message, lineRange(this.line.get(row), 0, this.length.get(row)));
      });
    }
  }
}
