import * as vscode from 'vscode';
import { redactSecrets, type ClientLog } from '../core/connections';

/** The most recent lines kept in memory, for "Show Connections Log" callers (tests check no key is in them). */
const KEPT_LINES = 1000;

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The "Fine-Tune Studio: Connections" log. Every line passes through the core's `redactSecrets` with every key
 * known at the time, so neither a stored key nor anything shaped like one is ever printed.
 */
export class ConnectionLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Fine-Tune Studio: Connections', { log: true });
  private readonly kept: string[] = [];

  /** `knownSecrets` returns the keys to hide (the registry's cached keys). */
  constructor(private readonly knownSecrets: () => readonly string[]) {}

  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  /** The SDK's log for a client, into this channel. */
  readonly clientLog: ClientLog = (level, message) => this.write(level, message);

  /** The latest lines as written (already redacted), oldest first. */
  lines(): readonly string[] {
    return [...this.kept];
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: Level, message: string): void {
    const line = redactSecrets(message, this.knownSecrets());
    this.kept.push(`[${level}] ${line}`);
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
    this.channel[level](line);
  }
}
