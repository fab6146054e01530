import { resolveModel } from '../models/modelLookup';
import type { ExampleTokens } from '../tokens/exampleTokens';
import type { DatasetStats, StatsOptions } from './datasetStats';
import { distributionOf } from './distribution';
import { defaultEpochs } from './epochs';
import { histogramOf } from './histogram';
import { ValueCounts } from './valueCounts';

/**
 * Dataset statistics built one example at a time, for files too big to hold. Percentiles need every value, but token
 * and message counts are whole numbers within a small range, so each is kept as a count per distinct value: memory
 * stays flat however many examples there are, and the sorted values exist only while a result is computed.
 */
export class StatsAccumulator {
  private readonly totals = new ValueCounts();
  private readonly assistants = new ValueCounts();
  private readonly messages = new ValueCounts();
  private totalSum = 0;
  private assistantSum = 0;
  private messageSum = 0;
  private billingTokens = 0;
  private missingSystem = 0;
  private missingUser = 0;
  private overLimit = 0;

  constructor(private readonly options: StatsOptions) {}

  add(example: ExampleTokens): void {
    this.totals.add(example.total);
    this.assistants.add(example.assistant);
    this.messages.add(example.messages);
    this.totalSum += example.total;
    this.assistantSum += example.assistant;
    this.messageSum += example.messages;
    this.billingTokens += Math.min(this.options.limit, example.total);
    if (!example.hasSystem) this.missingSystem++;
    if (!example.hasUser) this.missingUser++;
    if (example.total > this.options.limit) this.overLimit++;
  }

  /** The statistics of the examples added so far; adding more afterwards stays valid. */
  result(): DatasetStats {
    const { model, limit, epochsOverride } = this.options;
    const count = this.totals.size;
    const totals = this.totals.sorted();
    const assistants = this.assistants.sorted();
    const messages = this.messages.sorted();
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

/** Statistics of all `examples` at once; the accumulator gives the same result for a stream. */
export function computeStats(examples: readonly ExampleTokens[], opts: StatsOptions): DatasetStats {
  const accumulator = new StatsAccumulator(opts);
  for (const example of examples) accumulator.add(example);
  return accumulator.result();
}
