import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import type { JobEvent, StepMetrics } from '../core/jobs/job';
import { stepMetricsFromEvent } from '../core/jobs/metrics';
import type { FineTuneProvider } from '../core/jobs/provider';
import { createProvider } from '../core/jobs/providers';
import { registerJobActions } from './actions/registerJobActions';
import { registerJobCreation } from './create/registerJobCreation';
import { registerJobDetail } from './detail';
import { JobsTreeModel } from './tree/jobsTreeModel';
import { JobsTreeProvider } from './tree/jobsTreeProvider';
import { announceJobEnd } from './watch/jobNotifications';
import { JOBS_VIEW_ID, JobsStatusBar } from './watch/jobsStatusBar';
import { JobsWatcher } from './watch/jobsWatcher';
import { WatchedJobs } from './watch/watchedJobs';

/**
 * The fine-tuning jobs feature: the Fine-Tuning view's Jobs tree over every connection, its polling, status bar item
 * and notifications, and the act commands. `fineTuneStudio.jobs.watch` (`{ connectionId, jobId }`) adds a job, e.g.
 * after a create; it and `fineTuneStudio.jobs.refresh` resolve with the tree model, so tests can wait on its changes.
 */
export function registerJobs(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const model = new JobsTreeModel();
  // One provider per connection, made again when connections or keys change (a new URL or key must count).
  let providers = new Map<string, Promise<FineTuneProvider>>();
  const providerFor = (connectionId: string): Promise<FineTuneProvider> => {
    let provider = providers.get(connectionId);
    if (provider === undefined) {
      const connection = connections.get(connectionId);
      if (connection === undefined)
        return Promise.reject(new Error(`There is no connection with the id “${connectionId}”.`));
      provider = connections.clientFor(connectionId).then((client) => createProvider(connection, client));
      // A failure (e.g. Azure sign-in refused) is not kept: the next poll tries again.
      provider.catch(() => providers.delete(connectionId));
      providers.set(connectionId, provider);
    }
    return provider;
  };
  const watcher = new JobsWatcher({
    model,
    watched: new WatchedJobs(context.workspaceState),
    providerFor,
    latestStep,
    onWatchedJobEnded: (connectionId, job) =>
      void announceJobEnd(connectionId, job, model.connection(connectionId)?.capabilities),
    log: (line) => connections.log.warn(line),
  });
  watcher.setFocused(vscode.window.state.focused);
  const tree = new JobsTreeProvider(model, watcher);
  const syncConnections = () => {
    providers = new Map();
    watcher.setConnections(connections.list().map(({ id, name, kind }) => ({ id, name, kind })));
    // A changed URL or key may fix (or break) a connection: read the shown ones again (queued polls are shared).
    void watcher.refreshShown();
  };

  context.subscriptions.push(
    { dispose: () => watcher.dispose() },
    tree,
    new JobsStatusBar(model),
    vscode.window.createTreeView(JOBS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.onDidChangeWindowState((state) => watcher.setFocused(state.focused)),
    connections.onDidChange(syncConnections),
    vscode.commands.registerCommand('fineTuneStudio.jobs.refresh', async () => {
      await watcher.refresh();
      return model;
    }),
    vscode.commands.registerCommand('fineTuneStudio.jobs.watch', async (argument?: unknown) => {
      const { connectionId, jobId } = (argument ?? {}) as { connectionId?: unknown; jobId?: unknown };
      if (
        typeof connectionId !== 'string' ||
        typeof jobId !== 'string' ||
        connections.get(connectionId) === undefined
      ) {
        void vscode.window.showErrorMessage('Watching a job needs the id of an existing connection and a job id.');
        return undefined;
      }
      await watcher.watch(connectionId, jobId);
      return model;
    }),
  );
  registerJobActions(context, { model, watcher, providerFor, log: (line) => connections.log.warn(line) });
  registerJobDetail(context, connections);
  registerJobCreation(context, connections);
  // Connections are read from settings and secret storage first; the registry fires onDidChange when they are.
  void connections.ready.then(syncConnections);
}

/** The newest step's metrics among events (newest first). */
function latestStep(events: readonly JobEvent[]): StepMetrics | undefined {
  for (const event of events) {
    const metrics = stepMetricsFromEvent(event);
    if (metrics !== undefined) return metrics;
  }
  return undefined;
}
