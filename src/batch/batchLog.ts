import * as vscode from 'vscode';
import type { ResultRecord } from '../core/batch/batchTypes';
import type { PromptSkip } from '../core/batch/promptSource';
import { redactSecrets } from '../core/connections/redactSecrets';

/** Skipped input lines logged one by one; the rest are counted. */
const LISTED_SKIPS = 20;

/**
 * The "Fine-Tune Studio: Batch Runs" log: what each run asked, each failed pair (model, source line, message) and
 * the input lines that were not prompts. Every line passes through redactSecrets with the run's keys, so a server
 * echoing a key cannot put it here.
 */
export class BatchLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Fine-Tune Studio: Batch Runs', { log: true });
  /** Every key of a connection a run used this session: two runs may go on at once, and old lines stay shown. */
  private readonly secrets = new Set<string>();

  /** Adds keys to hide (the clients' keys of a run's connections). */
  hide(secrets: readonly (string | null | undefined)[]): void {
    for (const secret of secrets) if (typeof secret === 'string' && secret !== '') this.secrets.add(secret);
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  /** One failed pair: which model, which input line, what the server said. */
  failure(record: ResultRecord): void {
    const status = record.error?.status === undefined ? '' : ` (${record.error.status})`;
    this.error(
      `${record.model.label} on ${record.prompt.source}${status}: ${record.error?.message ?? 'no answer was given'}`,
    );
  }

  /** The input lines that are not prompts: the first few by name, then how many more. */
  skipped(skips: readonly PromptSkip[], count: number): void {
    if (count === 0) return;
    this.warn(`${count} input ${count === 1 ? 'line was' : 'lines were'} skipped (not prompts):`);
    for (const skip of skips.slice(0, LISTED_SKIPS)) this.warn(`  ${skip.source}: ${skip.reason}`);
    if (count > LISTED_SKIPS) this.warn(`  and ${count - LISTED_SKIPS} more`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private redact(message: string): string {
    return redactSecrets(message, [...this.secrets]);
  }
}
