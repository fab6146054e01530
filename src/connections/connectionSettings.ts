/**
 * The `fineTuneStudio.connections` setting: the list of connections (never their keys). It is application-scoped,
 * and only its user-level value is read, so a workspace's settings cannot add a connection or redirect one (and
 * with it, its key) to another host.
 */

import * as vscode from 'vscode';
import { validateConnection, type Connection } from '../core/connections';

export const CONNECTIONS_SECTION = 'fineTuneStudio';
export const CONNECTIONS_KEY = 'connections';
export const CONNECTIONS_SETTING = `${CONNECTIONS_SECTION}.${CONNECTIONS_KEY}`;

/** A setting entry that was left out, and why (for the log). */
export interface SkippedEntry {
  readonly index: number;
  readonly reason: string;
}

export interface ConnectionList {
  readonly connections: readonly Connection[];
  readonly skipped: readonly SkippedEntry[];
}

/** Reads the user-level list; entries that are not valid connections, and repeated ids, are skipped with a reason. */
export function readConnections(): ConnectionList {
  const value = vscode.workspace.getConfiguration(CONNECTIONS_SECTION).inspect<unknown>(CONNECTIONS_KEY)?.globalValue;
  return parseConnections(value);
}

/** Checks every entry of a raw setting value; only whole, valid entries are kept. */
export function parseConnections(value: unknown): ConnectionList {
  if (value === undefined) return { connections: [], skipped: [] };
  if (!Array.isArray(value))
    return { connections: [], skipped: [{ index: -1, reason: `${CONNECTIONS_SETTING} must be a list.` }] };
  const connections: Connection[] = [];
  const skipped: SkippedEntry[] = [];
  const ids = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const problems = validateConnection(entry);
    if (problems.length > 0) {
      skipped.push({ index, reason: problems.map((problem) => problem.message).join(' ') });
      return;
    }
    const connection = pickConnectionFields(entry as Connection);
    if (ids.has(connection.id)) {
      skipped.push({ index, reason: `The id “${connection.id}” is used by an earlier connection.` });
      return;
    }
    ids.add(connection.id);
    connections.push(connection);
  });
  return { connections, skipped };
}

/** Writes the list at user level, the only level it is read from. */
export async function writeConnections(connections: readonly Connection[]): Promise<void> {
  await vscode.workspace
    .getConfiguration(CONNECTIONS_SECTION)
    .update(CONNECTIONS_KEY, connections.map(pickConnectionFields), vscode.ConfigurationTarget.Global);
}

/** The known fields only: anything else written into the setting (e.g. an "apiKey") is neither kept nor used. */
function pickConnectionFields(entry: Connection): Connection {
  const connection: Connection = { id: entry.id, name: entry.name, kind: entry.kind, baseUrl: entry.baseUrl };
  if (entry.organization !== undefined) connection.organization = entry.organization;
  if (entry.project !== undefined) connection.project = entry.project;
  if (entry.azure?.apiVersion !== undefined) connection.azure = { apiVersion: entry.azure.apiVersion };
  if (entry.preset !== undefined) connection.preset = entry.preset;
  return connection;
}
