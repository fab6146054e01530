import { MAX_SKIPPED_ENTRIES, type ConvertReport, type SkippedRow } from './model';

/** Collects a {@link ConvertReport} while a conversion runs. */
export class ReportBuilder {
  read = 0;
  converted = 0;
  written = 0;
  private skippedCount = 0;
  private readonly skipped: SkippedRow[] = [];
  private readonly warningCounts = new Map<string, number>();

  /** Records a row that produced no output; `line` is one-based. */
  skip(line: number, reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < MAX_SKIPPED_ENTRIES) this.skipped.push({ line, reason });
  }

  /** Records a warning; repeats of the same message are counted instead of listed. */
  warn(message: string): void {
    this.warningCounts.set(message, (this.warningCounts.get(message) ?? 0) + 1);
  }

  toReport(): ConvertReport {
    const warnings = [...this.warningCounts].map(([message, count]) =>
      count === 1 ? message : `${message} (${count} times)`,
    );
    return {
      read: this.read,
      converted: this.converted,
      written: this.written,
      skipped: [...this.skipped],
      skippedCount: this.skippedCount,
      warnings,
    };
  }
}
