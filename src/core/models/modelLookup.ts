import { DEFAULT_EXAMPLE_TOKEN_LIMIT } from '../defaults';
import { MODEL_TABLE, type EncodingName, type ModelInfo, type TrainingPrice } from './modelTable';

const byName = new Map<string, ModelInfo>();
for (const info of MODEL_TABLE) {
  byName.set(info.id, info);
  for (const alias of info.aliases) byName.set(alias, info);
}

/**
 * The base model a name refers to, normalised: trimmed, lower case, Azure OpenAI's spelling of GPT-3.5 (`gpt-35-turbo`,
 * `gpt-35-turbo-0125`, `gpt-35-turbo-16k`) as OpenAI's, and for a fine-tuned model (OpenAI's
 * `ft:gpt-4o-mini-2024-07-18:org:suffix:id`, Azure's `gpt-4o-mini-2024-07-18.ft-<id>`) the model it was trained from.
 */
export function baseModelName(model: string): string {
  let name = model.trim().toLowerCase();
  if (name.startsWith('ft:')) {
    const end = name.indexOf(':', 3);
    name = end === -1 ? name.slice(3) : name.slice(3, end);
  }
  // Azure names a fine-tuned model `<base>.ft-<job id>`.
  return name.replace(/\.ft-[0-9a-z]+$/, '').replace(/^gpt-35(?=-|$)/, 'gpt-3.5');
}

/** The table row for a model name, a dated snapshot, an alias (`gpt-4o-mini`) or a fine-tuned model; else undefined. */
export function resolveModel(model: string): ModelInfo | undefined {
  return byName.get(baseModelName(model));
}

/**
 * What a user should know when `model` makes counts fall back to defaults, or undefined when it does not: an unknown
 * name gets the default example limit and no price, and a known model may have no published limit.
 */
export function modelWarning(model: string, defaultLimit: number = DEFAULT_EXAMPLE_TOKEN_LIMIT): string | undefined {
  const known = resolveModel(model);
  const limit = `${defaultLimit.toLocaleString('en-US')}-token`;
  if (known === undefined)
    return `unknown model '${model.trim()}': using the default ${limit} example limit and no price`;
  if (known.exampleTokenLimit === undefined)
    return `no published example limit for ${known.id}: using the default ${limit} limit`;
  return undefined;
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
