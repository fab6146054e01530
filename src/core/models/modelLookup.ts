import { MODEL_TABLE, type EncodingName, type ModelInfo, type TrainingPrice } from './modelTable';

const byName = new Map<string, ModelInfo>();
for (const info of MODEL_TABLE) {
  byName.set(info.id, info);
  for (const alias of info.aliases) byName.set(alias, info);
}

/**
 * The base model a name refers to, normalised: trimmed, lower case, and for a fine-tuned model
 * (`ft:gpt-4o-mini-2024-07-18:org:suffix:id`) the model it was trained from.
 */
export function baseModelName(model: string): string {
  const name = model.trim().toLowerCase();
  if (!name.startsWith('ft:')) return name;
  const end = name.indexOf(':', 3);
  return end === -1 ? name.slice(3) : name.slice(3, end);
}

/** The table row for a model name, a dated snapshot, an alias (`gpt-4o-mini`) or a fine-tuned model; else undefined. */
export function resolveModel(model: string): ModelInfo | undefined {
  return byName.get(baseModelName(model));
}

/** The per-example token limit of training: the table's, or `defaultLimit` (the user's setting) when unknown. */
export function exampleTokenLimit(model: string, defaultLimit: number): number {
  return resolveModel(model)?.exampleTokenLimit ?? defaultLimit;
}

/** The training price of a model, or undefined when it is not billed per token or not in the table. */
export function trainingPrice(model: string): TrainingPrice | undefined {
  return resolveModel(model)?.trainingPrice;
}

// Families by name prefix, for models outside the table (newer snapshots, other names). Longer prefixes first
// matter only where one family name starts another's: `gpt-4o`/`gpt-4.1` before the cl100k `gpt-4`.
const O200K_PREFIXES = ['gpt-4o', 'chatgpt-4o', 'gpt-4.1', 'gpt-4.5', 'gpt-5', 'o1', 'o3', 'o4'];
const CL100K_PREFIXES = ['gpt-3.5', 'gpt-4', 'babbage-002', 'davinci-002'];

/**
 * The tokenizer of a model: o200k_base for the gpt-4o, gpt-4.1 and o-series families, cl100k_base for
 * gpt-3.5-turbo, gpt-4 and the -002 base models. Unknown names get o200k_base, the encoding of every model
 * currently offered for fine-tuning.
 */
export function encodingForModel(model: string): EncodingName {
  const known = resolveModel(model);
  if (known !== undefined) return known.encoding;
  const name = baseModelName(model);
  if (O200K_PREFIXES.some((prefix) => name.startsWith(prefix))) return 'o200k_base';
  if (CL100K_PREFIXES.some((prefix) => name.startsWith(prefix))) return 'cl100k_base';
  return 'o200k_base';
}
