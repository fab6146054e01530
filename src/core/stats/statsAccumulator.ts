import { resolveModel } from '../models/modelLookup';
import type { ExampleTokens } from '../tokens/exampleTokens';
import type { DatasetStats, StatsOptions } from './datasetStats';
import { distributionOf } from './distribution';
import { defaultEpochs } from './epochs';
import { histogramOf } from './histogram';
import { U32Column } from '../validation/u32Column';

/**
 * Dataset statistics built one example at a time, for files too big to hold. Each example costs 12 bytes (two token
 * counts and a message count, whole numbers far below 2^32, in uint32 columns), so a million examples take about
 * 12 MB; percentiles need every value, so this cannot be constant memory.
 */
export class StatsAccumulator {
  private readonly totals = new U32Column();
  private readonly assistants = new U32Column();
  private readonly messages = new U32Column();
  private totalSum = 0;
  private assistantSum = 0;
  private messageSum = 0;
  private billingTokens = 0;
  private missingSystem = 0;
  private missingUser = 0;
  private overLimit = 0;

  constructor(private readonly options: StatsOptions) {}

  add(example: ExampleTokens): void {
    this.totals.push(example.total);
    this.assistants.push(example.assistant);
    this.messages.push(example.messages);
    this.totalSum += example.total;
    this.assistantSum += example.assistant;
    this.messageSum += example.messages;
    this.billingTokens += Math.min(this.options.limit, example.total);
    if (!example.hasSystem) this.missingSystem++;
    if (!example.hasUser) this.missingUser++;
    if (example.total > this.options.limit) this.overLimit++;
  }

  /** The statistics of the examples added so far. Sorts copies of the stored values; adding more stays valid. */
  result(): DatasetStats {
    const { model, limit, epochsOverride } = this.options;
    const count = this.totals.length;
    const totals = this.totals.values().sort();
    const assistants = this.assistants.values().sort();
    const messages = this.messages.values().sort();
    const epochs = epochsOverride ?? defaultEpochs(count);
    const chargedTokens = this.billingTokens * epochs;
    const known = resolveModel(model);
    const price = known?.trainingPrice;
    return {
      examples: count,
      messagesPerExample: count === 0 ? undefined : distributionOf(messages, this.messageSum),
      totalTokensPerExample: count === 0 ? undefined : distributionOf(totals, this.totalSum),
      assistantTokensPerExample: count === 0 ? undefined : distributionOf(assistants, this.assistantSum),
      totalTokensHistogram: histogramOf(totals),
      missingSystem: this.missingSystem,
      missingUser: this.missingUser,
      overLimit: this.overLimit,
      model: known?.id ?? model,
      limit,
      totalTokens: this.totalSum,
      billingTokens: this.billingTokens,
      epochs,
      epochsSource: epochsOverride === undefined ? 'default' : 'override',
      chargedTokens,
      estimatedCostUSD: price === undefined ? undefined : (chargedTokens / 1_000_000) * price.usdPerMillionTokens,
      price,
    };
  }
}
