/**
 * The "Local simulator (offline)" connection that `npm start` adds: it starts the OpenAI-compatible simulator and
 * passes its URL in an environment variable, so a newcomer can try the playground without an account. The
 * connection is listed, never saved to settings, and never given a key. Pure (no vscode), so it is unit-tested.
 */

import { resolve } from 'node:path';
import { normalizeBaseUrl, type Connection } from '../core/connections';

/** Set by `npm start` (test/rig/devSimulator.ts) to the simulator's base URL, e.g. `http://127.0.0.1:8765/v1`. */
export const SIMULATOR_URL_VARIABLE = 'FINETUNE_STUDIO_SIMULATOR_URL';
export const SIMULATOR_CONNECTION_ID = 'local-simulator';
export const SIMULATOR_CONNECTION_NAME = 'Local simulator (offline)';

/** The simulator binds 127.0.0.1; these names reach only this machine, so the URL can never point elsewhere. */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface SimulatorLookup {
  /** The connection to list, when the variable holds a loopback URL and the examples folder is open. */
  readonly connection?: Connection;
  /** Why the variable was set but no connection is listed (for the connections log). */
  readonly reason?: string;
}

/**
 * The simulator connection for this window: only when `url` (the variable's value) is an http URL on the loopback
 * interface and one of `workspaceFolders` is the examples folder next to the extension under development
 * (`extensionRoot`/examples). `url` is never repeated in a reason: it is whatever the environment held.
 */
export function simulatorConnection(
  url: string | undefined,
  workspaceFolders: readonly string[],
  extensionRoot: string,
): SimulatorLookup {
  if (url === undefined || url.trim() === '') return {};
  const ignored = (why: string): SimulatorLookup => ({
    reason: `${SIMULATOR_URL_VARIABLE} is ignored: ${why} The local simulator is not listed.`,
  });
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return ignored('it is not a URL.');
  }
  if (parsed.protocol !== 'http:') return ignored(`it must be an http:// URL (it is ${parsed.protocol}//).`);
  if (!LOOPBACK_HOSTS.includes(parsed.hostname))
    return ignored(`its host must be ${LOOPBACK_HOSTS.join(', ')} (it is ${parsed.hostname}).`);
  const normalized = normalizeBaseUrl(url, 'compatible');
  if (!normalized.ok) return ignored(normalized.message);
  const examples = resolve(extensionRoot, 'examples');
  if (!workspaceFolders.some((folder) => resolve(folder) === examples))
    return { reason: `The local simulator is listed only in the examples workspace (${examples}).` };
  return {
    connection: {
      id: SIMULATOR_CONNECTION_ID,
      name: SIMULATOR_CONNECTION_NAME,
      kind: 'compatible',
      baseUrl: normalized.url,
    },
  };
}

/** What the edit and remove commands say instead of changing the simulator connection. */
export function simulatorNotEditable(action: 'edited' | 'removed'): string {
  return `“${SIMULATOR_CONNECTION_NAME}” comes from npm start and is not in your settings, so it cannot be ${action}; it goes away when npm start stops.`;
}
