import type { ConnectionModels } from '../../src/protocol/playground';
import { defaultPairing } from './defaultPairing';
import { isUntouched, pairColumns, reduce, type PlaygroundState } from './state';

/**
 * The state once the connections' models are listed. A first visit pairs a fine-tuned model with its base when there
 * is one; otherwise a column without a model, or whose connection is gone, gets the first model listed, so a first
 * message needs no set-up. Columns whose connection is still listed keep their model, listed or typed. Pure.
 */
export function withListedModels(state: PlaygroundState, connections: readonly ConnectionModels[]): PlaygroundState {
  const pairing = isUntouched(state) ? defaultPairing(connections) : undefined;
  let next = pairing ? pairColumns(state, pairing.base, pairing.fineTuned) : state;
  const first = connections.find((entry) => entry.models.length > 0);
  if (!first) return next;
  for (const column of next.columns)
    if (column.connectionId === '' || !connections.some((c) => c.connectionId === column.connectionId))
      next = reduce(next, {
        type: 'setModel',
        column: column.id,
        connectionId: first.connectionId,
        model: first.models[0]!,
      });
  return next;
}
