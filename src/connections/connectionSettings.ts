/**
 * The `fineTuneStudio.connections` setting: the list of connections (never their keys). It is application-scoped,
 * and only its user-level value is read, so a workspace's settings cannot add a connection or redirect one (and
 * with it, its key) to another host.
 */

import * as vscode from 'vscode';
import type { Connection } from '../core/connections';
import { parseConnections, withConnection, withoutConnection, type ConnectionList } from './connectionList';

export const CONNECTIONS_SECTION = 'fineTuneStudio';
export const CONNECTIONS_KEY = 'connections';

/** Reads the user-level list; entries that are not valid connections, and repeated ids, are skipped with a reason. */
export function readConnections(): ConnectionList {
  return parseConnections(userValue());
}

/** Adds or replaces a connection (by id) in the user-level list, keeping every other entry as written. */
export async function saveConnection(connection: Connection): Promise<void> {
  await writeUserValue(withConnection(userValue(), connection));
}

/** Removes the entries with this id from the user-level list, keeping every other entry as written. */
export async function deleteConnection(id: string): Promise<void> {
  await writeUserValue(withoutConnection(userValue(), id));
}

function userValue(): unknown {
  return vscode.workspace.getConfiguration(CONNECTIONS_SECTION).inspect<unknown>(CONNECTIONS_KEY)?.globalValue;
}

/** Writes at user level, the only level the list is read from. */
async function writeUserValue(value: unknown[]): Promise<void> {
  await vscode.workspace
    .getConfiguration(CONNECTIONS_SECTION)
    .update(CONNECTIONS_KEY, value, vscode.ConfigurationTarget.Global);
}
