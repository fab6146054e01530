import type { TrainingPrice } from '../models/modelTable';
import type { Distribution } from './distribution';
import type { HistogramBin } from './histogram';

/** What the statistics need besides the examples. */
export interface StatsOptions {
  /** Model name (snapshot, alias or fine-tuned name), for the price. */
  readonly model: string;
  /** The model's resolved per-example token limit. */
  readonly limit: number;
  /** Epochs the user asked for; the default heuristic applies when undefined. */
  readonly epochsOverride?: number;
}

/** Statistics and cost estimate of a dataset, in the spirit of OpenAI's data-preparation cookbook. */
export interface DatasetStats {
  readonly examples: number;
  /** Undefined for an empty dataset. */
  readonly messagesPerExample: Distribution | undefined;
  readonly totalTokensPerExample: Distribution | undefined;
  readonly assistantTokensPerExample: Distribution | undefined;
  /** Histogram of total tokens per example. */
  readonly totalTokensHistogram: readonly HistogramBin[];
  readonly missingSystem: number;
  readonly missingUser: number;
  /** Examples with more tokens than `limit`; training truncates them. */
  readonly overLimit: number;
  /** The model as resolved from the table (the name given when unknown). */
  readonly model: string;
  readonly limit: number;
  /** Sum of all examples' tokens. */
  readonly totalTokens: number;
  /** Tokens billed per epoch: each example counts at most `limit` tokens. */
  readonly billingTokens: number;
  readonly epochs: number;
  readonly epochsSource: 'default' | 'override';
  /** billingTokens × epochs. */
  readonly chargedTokens: number;
  /** chargedTokens at the model's training price; undefined when the model has no per-token price. */
  readonly estimatedCostUSD: number | undefined;
  /** The price used, with its source and date; every price is an estimate. */
  readonly price: TrainingPrice | undefined;
}
