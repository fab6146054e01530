// The connections and their models as the host listed them: how a model is named, and the per-model streaming switch.
import type { ConnectionModels } from '../../src/protocol/playground';

/** `ft:sim-chat:…` for a `connectionId/model` key — with its connection's name when several connections are listed. */
export function modelLabelIn(connections: readonly ConnectionModels[], key: string): string {
  const slash = key.indexOf('/');
  const [connectionId, model] = [key.slice(0, slash), key.slice(slash + 1)];
  if (connections.length <= 1) return model;
  const name = connections.find((entry) => entry.connectionId === connectionId)?.connectionName ?? connectionId;
  return `${model} (${name})`;
}

/** The list after the host switched streaming on or off for one model of one connection. */
export function withStreaming(
  connections: readonly ConnectionModels[],
  connectionId: string,
  model: string,
  streaming: boolean,
): ConnectionModels[] {
  return connections.map((entry) =>
    entry.connectionId !== connectionId
      ? entry
      : {
          ...entry,
          nonStreaming: streaming
            ? entry.nonStreaming.filter((name) => name !== model)
            : [...entry.nonStreaming, model],
        },
  );
}
