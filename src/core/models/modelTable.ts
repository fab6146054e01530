/**
 * What Fine-Tune Studio knows about each fine-tunable OpenAI model: the tokenizer, the per-example token limit of
 * training and the training price. This is the only place these numbers live; update a row (and its `asOf`) when
 * OpenAI changes them. Values we are not sure of are left out rather than guessed: a missing limit falls back to the
 * `fineTuneStudio.defaultExampleTokenLimit` setting, a missing price shows no cost estimate.
 */

/** The byte-pair encodings the token counter supports. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** A training price. Prices change and OpenAI bills what its dashboard says, so every price is an estimate. */
export interface TrainingPrice {
  /** US dollars per one million trained tokens (tokens × epochs). */
  readonly usdPerMillionTokens: number;
  readonly estimate: true;
  /** Where the number was read. */
  readonly source: string;
  /** The date (YYYY-MM-DD) on which the number was known to be current. */
  readonly asOf: string;
}

/** One fine-tunable model. */
export interface ModelInfo {
  /** The dated snapshot name the fine-tuning API accepts. */
  readonly id: string;
  /** Undated names that resolve to this snapshot. */
  readonly aliases: readonly string[];
  readonly encoding: EncodingName;
  /** Maximum tokens of one training example; longer examples are truncated. Undefined when not published. */
  readonly exampleTokenLimit: number | undefined;
  /** Where the limit was read, and when it was known to be current. */
  readonly source: string;
  readonly asOf: string;
  readonly trainingPrice: TrainingPrice | undefined;
  /** Anything a user should know about the row (e.g. a different billing scheme). */
  readonly note?: string;
}

const FINE_TUNING_GUIDE = 'https://platform.openai.com/docs/guides/fine-tuning';
const PRICING_PAGE = 'https://platform.openai.com/docs/pricing';
const CHECKED = '2025-06-01';

function price(usdPerMillionTokens: number): TrainingPrice {
  return { usdPerMillionTokens, estimate: true, source: PRICING_PAGE, asOf: CHECKED };
}

/** The table. Aliases are lower case. */
export const MODEL_TABLE: readonly ModelInfo[] = [
  {
    id: 'gpt-4o-mini-2024-07-18',
    aliases: ['gpt-4o-mini'],
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(3.0),
  },
  {
    id: 'gpt-4o-2024-08-06',
    aliases: ['gpt-4o'],
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(25.0),
  },
  {
    id: 'gpt-4.1-2025-04-14',
    aliases: ['gpt-4.1'],
    encoding: 'o200k_base',
    exampleTokenLimit: undefined,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(25.0),
  },
  {
    id: 'gpt-4.1-mini-2025-04-14',
    aliases: ['gpt-4.1-mini'],
    encoding: 'o200k_base',
    exampleTokenLimit: undefined,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(5.0),
  },
  {
    id: 'gpt-4.1-nano-2025-04-14',
    aliases: ['gpt-4.1-nano'],
    encoding: 'o200k_base',
    exampleTokenLimit: undefined,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(1.5),
  },
  {
    id: 'o4-mini-2025-04-16',
    aliases: ['o4-mini'],
    encoding: 'o200k_base',
    exampleTokenLimit: undefined,
    source: 'https://platform.openai.com/docs/guides/reinforcement-fine-tuning',
    asOf: CHECKED,
    trainingPrice: undefined,
    note: 'Reinforcement fine-tuning is billed per hour of training, not per token.',
  },
  {
    id: 'gpt-3.5-turbo-0125',
    // OpenAI's gpt-3.5-turbo-16k alias points here; Azure's gpt-35-turbo(-16k) are normalised to these names.
    aliases: ['gpt-3.5-turbo', 'gpt-3.5-turbo-16k'],
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_385,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(8.0),
  },
  {
    id: 'gpt-3.5-turbo-1106',
    aliases: [],
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_385,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(8.0),
  },
  {
    id: 'gpt-3.5-turbo-0613',
    aliases: [],
    encoding: 'cl100k_base',
    exampleTokenLimit: 4_096,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(8.0),
  },
  {
    id: 'babbage-002',
    aliases: [],
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_384,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(0.4),
  },
  {
    id: 'davinci-002',
    aliases: [],
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_384,
    source: FINE_TUNING_GUIDE,
    asOf: CHECKED,
    trainingPrice: price(6.0),
  },
];
