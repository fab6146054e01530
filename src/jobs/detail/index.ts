import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../../connections';
import { createProvider } from '../../core/jobs/providers';
import { JobDetailPanel } from './jobDetailPanel';

export { JobDetailPanel, type SentToWebview } from './jobDetailPanel';

/**
 * `fineTuneStudio.jobs.showDetail` (`{ connectionId, jobId }`, run by the Jobs tree's items): the job's detail panel
 * with its live metrics chart. Resolves with the panel, so integration tests can read what it sent its webview.
 */
export function registerJobDetail(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const services = {
    extensionUri: context.extensionUri,
    providerFor: async (connectionId: string) => {
      const connection = connections.get(connectionId);
      if (!connection) throw new Error(`There is no connection with the id “${connectionId}”.`);
      return createProvider(connection, await connections.clientFor(connectionId));
    },
    connectionName: (connectionId: string) => connections.get(connectionId)?.name,
    log: connections.log,
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.jobs.showDetail', (argument?: unknown) => {
      const { connectionId, jobId } = (argument ?? {}) as { connectionId?: unknown; jobId?: unknown };
      if (typeof connectionId !== 'string' || typeof jobId !== 'string' || jobId === '') {
        void vscode.window.showErrorMessage(
          'Showing a job needs a connection id and a job id (run it from the Jobs view).',
        );
        return undefined;
      }
      return JobDetailPanel.show(services, connectionId, jobId);
    }),
  );
}
