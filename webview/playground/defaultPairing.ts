/**
 * Base vs fine-tuned, the playground's default comparison: the first fine-tuned model listed, beside the base model
 * it was trained from (read from its id, `ft:BASE:org:suffix:id`) when the same connection lists it. Pure.
 */

import type { ConnectionModels } from '../../src/protocol/playground';

export interface ModelChoice {
  connectionId: string;
  model: string;
}

export function defaultPairing(
  connections: readonly ConnectionModels[],
): { base: ModelChoice; fineTuned: ModelChoice } | undefined {
  for (const entry of connections)
    for (const model of entry.models) {
      const base = baseModelOf(model);
      if (base !== undefined && entry.models.includes(base))
        return {
          base: { connectionId: entry.connectionId, model: base },
          fineTuned: { connectionId: entry.connectionId, model },
        };
    }
  return undefined;
}

/** `ft:gpt-4o-mini-2024-07-18:acme::abc123` → `gpt-4o-mini-2024-07-18`; undefined for an id that is not `ft:`. */
export function baseModelOf(model: string): string | undefined {
  if (!model.startsWith('ft:')) return undefined;
  const base = model.split(':')[1];
  return base === undefined || base === '' ? undefined : base;
}
