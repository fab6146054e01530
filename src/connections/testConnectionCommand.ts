import * as vscode from 'vscode';
import { testConnection, type ConnectionTestResult } from '../core/connections';
import { connectionAnswers } from './connectionAnswers';
import type { ConnectionRegistry } from './connectionRegistry';
import { pickConnection } from './pickConnection';

/** How many model ids the success message names before "and N more". */
const MODELS_SHOWN = 8;

/**
 * `fineTuneStudio.testConnection`: lists the connection's models, or names the exact URL tried and the status.
 * Resolves with the result (undefined when no connection was chosen).
 */
export async function testConnectionCommand(
  registry: ConnectionRegistry,
  argument?: unknown,
): Promise<ConnectionTestResult | undefined> {
  const answers = connectionAnswers(argument);
  const connection = await pickConnection(registry, answers, 'Test which connection?');
  if (connection === undefined) return undefined;
  const credentials = await registry.credentialsFor(connection.id);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing ${connection.name}…`, cancellable: true },
    async (_progress, token): Promise<ConnectionTestResult> => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await testConnection(connection, credentials, { signal: abort.signal, log: registry.log.clientLog });
      } finally {
        subscription.dispose();
      }
    },
  );
  if (result.ok) {
    const ids = result.models.map((model) => model.id);
    const shown = ids.slice(0, MODELS_SHOWN).join(', ');
    const more = ids.length > MODELS_SHOWN ? ` and ${ids.length - MODELS_SHOWN} more` : '';
    registry.log.info(`Test of “${connection.name}”: ${result.url} listed ${ids.length} models: ${ids.join(', ')}`);
    void vscode.window.showInformationMessage(
      `${connection.name} works: ${ids.length} models${ids.length > 0 ? ` (${shown}${more})` : ''}.`,
    );
  } else {
    const status = result.status === undefined ? 'no answer' : `status ${result.status}`;
    registry.log.warn(`Test of “${connection.name}” failed: ${result.url} (${status}): ${result.message}`);
    void vscode.window.showErrorMessage(`${connection.name}: ${result.message}`);
  }
  return result;
}
