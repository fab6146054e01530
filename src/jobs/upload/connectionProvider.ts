import type { Connection } from '../../core/connections';
import type { FineTuneProvider } from '../../core/jobs/provider';
import { createProvider } from '../../core/jobs/providers';
import type { ConnectionRegistry } from '../../connections';

/** The provider for a connection, over a client that carries that connection's key (made per use, so a new key counts). */
export function connectionProvider(
  connections: ConnectionRegistry,
): (connection: Connection) => Promise<FineTuneProvider> {
  return async (connection) => createProvider(connection, await connections.clientFor(connection.id));
}
