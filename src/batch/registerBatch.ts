import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { BatchLog } from './batchLog';
import { runBatchCommand } from './runBatchCommand';

/**
 * Registers "Fine-Tune: Run Batch…" (`fineTuneStudio.runBatch`, args `(uri?, answers?)`, see RunBatchAnswers) and
 * its log channel, "Fine-Tune Studio: Batch Runs".
 */
export function registerBatch(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const log = new BatchLog();
  const services = { registry: connections, log, running: new Set<string>() };
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('fineTuneStudio.runBatch', (first?: unknown, second?: unknown) =>
      runBatchCommand(services, first, second),
    ),
  );
}
