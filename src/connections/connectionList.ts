/**
 * Reading the `fineTuneStudio.connections` setting's raw value (anything can be written into a settings file):
 * only whole, valid connections are kept, each with its known fields only. Pure, so it is unit-tested in Node.
 */

import { validateConnection, type Connection } from '../core/connections';

/** The setting's full name, for messages. */
export const CONNECTIONS_SETTING = 'fineTuneStudio.connections';

/** A setting entry that was left out, and why (for the log). */
export interface SkippedEntry {
  readonly index: number;
  readonly reason: string;
}

export interface ConnectionList {
  readonly connections: readonly Connection[];
  readonly skipped: readonly SkippedEntry[];
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

export /** The known fields only: anything else written into the setting (e.g. an "apiKey") is neither kept nor used. */
function pickConnectionFields(entry: Connection): Connection {
  const connection: Connection = { id: entry.id, name: entry.name, kind: entry.kind, baseUrl: entry.baseUrl };
  if (entry.organization !== undefined) connection.organization = entry.organization;
  if (entry.project !== undefined) connection.project = entry.project;
  if (entry.azure?.apiVersion !== undefined) connection.azure = { apiVersion: entry.azure.apiVersion };
  if (entry.preset !== undefined) connection.preset = entry.preset;
  return connection;
}

/** Whether a raw setting entry is the one with this id (valid or not). */
function hasId(entry: unknown, id: string): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { id?: unknown }).id === id;
}

/**
 * The raw setting value with `connection` in place of the entry with its id, or added at the end. Other entries,
 * broken ones too, stay as the user wrote them, so saving one connection never loses another.
 */
export function withConnection(value: unknown, connection: Connection): unknown[] {
  const entries: unknown[] = Array.isArray(value) ? value : [];
  const entry = pickConnectionFields(connection);
  const index = entries.findIndex((existing) => hasId(existing, connection.id));
  return index < 0 ? [...entries, entry] : entries.map((existing, at) => (at === index ? entry : existing));
}

/** The raw setting value without the entries with this id; the others stay as the user wrote them. */
export function withoutConnection(value: unknown, id: string): unknown[] {
  return (Array.isArray(value) ? (value as unknown[]) : []).filter((entry) => !hasId(entry, id));
}
