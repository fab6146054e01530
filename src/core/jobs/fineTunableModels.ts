/**
 * Which models a provider can fine-tune, and with which methods. The rule, by provider kind:
 * - OpenAI: the server's /models list filtered to the base models in src/core/models/modelTable.ts (the one table of
 *   fine-tunable models; exact ids and aliases, not prefixes: `gpt-4o-audio-preview` is not `gpt-4o`), plus every
 *   `ft:` model (a fine-tune can be continued from).
 * - Any entry that says so itself (Azure's `capabilities.fine_tune`; any server may send it) is taken at its
 *   word, whatever the provider; an Azure entry without it gets the OpenAI rule (with Azure's `.ft-` names).
 * - Compatible servers: entries that say nothing are all offered. There is no shared notion of "fine-tunable"
 *   there, so the server's own fine-tuning endpoint decides (and answers a clear 400).
 * Methods beyond supervised are offered only where OpenAI's guides say a model has them; a model we do not know gets
 * supervised only (being conservative costs a user an option, being wrong costs a refused job).
 */

import type { Model } from 'openai/resources/models';
import type { ConnectionKind } from '../connections/connection';
import { MODEL_TABLE } from '../models/modelTable';
import { baseModelName } from '../models/modelLookup';
import type { TrainingMethod } from './job';

const TABLE_NAMES = new Set(MODEL_TABLE.flatMap((info) => [info.id, ...info.aliases]));

/** Base models (table ids and aliases) that take DPO, from OpenAI's preference fine-tuning guide. */
const DPO_MODELS = new Set([
  'gpt-4o-2024-08-06',
  'gpt-4o',
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-mini',
  'gpt-4.1-2025-04-14',
  'gpt-4.1',
  'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-mini',
  'gpt-4.1-nano-2025-04-14',
  'gpt-4.1-nano',
]);
/** Reasoning models that take reinforcement fine-tuning, from OpenAI's reinforcement fine-tuning guide. */
const REINFORCEMENT_MODELS = new Set(['o4-mini-2025-04-16', 'o4-mini']);

/** Whether an id names a fine-tuned model (OpenAI's `ft:…`, Azure's `<base>.ft-<id>`). */
export function isFineTunedModel(id: string): boolean {
  return id.startsWith('ft:') || /\.ft-[0-9a-z]+$/i.test(id);
}

/** The models of a /models answer that `kind`'s provider can fine-tune: base models first, then fine-tunes. */
export function fineTunableModels(models: readonly Model[], kind: ConnectionKind): string[] {
  const ids = (predicate: (model: Model) => boolean) => models.filter(predicate).map((model) => model.id);
  const chosen = ids((model) => {
    if (typeof model.id !== 'string' || model.id === '') return false;
    const flag = fineTuneFlag(model);
    if (flag !== undefined) return flag;
    if (kind === 'compatible') return true;
    return isFineTunedModel(model.id) || TABLE_NAMES.has(model.id.toLowerCase());
  });
  const unique = [...new Set(chosen)];
  const bases = unique.filter((id) => !isFineTunedModel(id)).sort();
  const tuned = unique.filter(isFineTunedModel).sort();
  return [...bases, ...tuned];
}

/** The methods `model` can be trained with, among those the provider offers. */
export function methodsForModel(
  offered: readonly TrainingMethod[],
  model: string,
  kind: ConnectionKind,
): TrainingMethod[] {
  // A compatible server says itself what it accepts (its create answers a clear 400 otherwise).
  if (kind === 'compatible') return [...offered];
  const base = baseModelName(model);
  return offered.filter((method) => {
    if (method === 'supervised') return true;
    if (method === 'dpo') return DPO_MODELS.has(base);
    return REINFORCEMENT_MODELS.has(base);
  });
}

/** Azure's (and any server's that follows it) `capabilities.fine_tune`; undefined when the entry has none. */
function fineTuneFlag(model: Model): boolean | undefined {
  const capabilities = (model as unknown as { capabilities?: unknown }).capabilities;
  if (typeof capabilities !== 'object' || capabilities === null) return undefined;
  const flag = (capabilities as { fine_tune?: unknown }).fine_tune;
  return typeof flag === 'boolean' ? flag : undefined;
}
