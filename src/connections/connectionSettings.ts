/**
 * The `fineTuneStudio.connections` setting: the list of connections (never their keys). It is application-scoped,
 * and only its user-level value is read, so a workspace's settings cannot add a connection or redirect one (and
 * with it, its key) to another host.
 */

import * as vscode from 'vscode';
import type { Connection } from '../core/connections';
import { parseConnections, pickConnectionFields, type ConnectionList } from './connectionList';

export const CONNECTIONS_SECTION = 'fineTuneStudio';
export const CONNECTIONS_KEY = 'connections';

/** Reads the user-level list; entries that are not valid connections, and repeated ids, are skipped with a reason. */
export function readConnections(): ConnectionList {
  const value = vscode.workspace.getConfiguration(CONNECTIONS_SECTION).inspect<unknown>(CONNECTIONS_KEY)?.globalValue;
  return parseConnections(value);
}

/** Writes the list at user level, the only level it is read from. */
export async function writeConnections(connections: readonly Connection[]): Promise<void> {
  await vscode.workspace
    .getConfiguration(CONNECTIONS_SECTION)
    .update(CONNECTIONS_KEY, connections.map(pickConnectionFields), vscode.ConfigurationTarget.Global);
}
