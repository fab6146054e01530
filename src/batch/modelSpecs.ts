/** The models of a run as the core takes them: unique labels, parameters, and the connection's max-tokens field. Pure. */

import type { ModelSpec } from '../core/batch/batchTypes';
import type { SamplingParameters } from '../core/connections/buildRequest';
import type { ConnectionKind } from '../core/connections/connection';

/** Models one run asks side by side, as the playground's columns and the CLI. */
export const MAX_MODELS = 4;

/** A model picked for a run. */
export interface ModelChoice {
  /** The connection's id. */
  readonly connection: string;
  readonly model: string;
  readonly parameters?: SamplingParameters;
}

/**
 * The run's models in the order given. A label is the model id, with `#2`, `#3`… when the same id comes again (from
 * the same connection or another), as the CLI labels them: labels are what resuming matches records by.
 */
export function modelSpecs(choices: readonly ModelChoice[]): ModelSpec[] {
  const used = new Set<string>();
  return choices.map((choice) => {
    let label = choice.model;
    for (let n = 2; used.has(label); n++) label = `${choice.model} #${n}`;
    used.add(label);
    return { label, connection: choice.connection, model: choice.model, parameters: choice.parameters ?? {} };
  });
}

/**
 * OpenAI takes `max_completion_tokens` for every chat model and only it for reasoning models; compatible servers and
 * Azure's dated API versions mostly know only `max_tokens` (the CLI decides the same way).
 */
export function maxTokensFieldFor(kind: ConnectionKind): 'max_tokens' | 'max_completion_tokens' {
  return kind === 'openai' ? 'max_completion_tokens' : 'max_tokens';
}

/** Why a list of picked models cannot run, or undefined when it can. */
export function modelChoicesProblem(choices: readonly ModelChoice[]): string | undefined {
  if (choices.length === 0) return 'Choose at least one model.';
  if (choices.length > MAX_MODELS) return `Choose at most ${MAX_MODELS} models (${choices.length} were given).`;
  if (choices.some((choice) => choice.model.trim() === '')) return 'A model id must not be empty.';
  return undefined;
}
