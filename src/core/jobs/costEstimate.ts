/**
 * What a job is expected to cost, shown before the final confirmation of a create. It starts from the statistics the
 * validation core already computes for the training file (tokens billed per epoch, each example capped at the
 * model's limit) and applies the job's own epochs, the cookbook's default-epochs rule when they are `auto`, and the
 * price table the Dataset Report uses. Every number is an estimate: OpenAI bills what its dashboard says.
 */

import { baseModelName, resolveModel } from '../models/modelLookup';
import type { TrainingPrice } from '../models/modelTable';
import type { DatasetStats } from '../stats/datasetStats';
import { defaultEpochs } from '../stats/epochs';
import { plural } from '../text/plural';
import type { Hyperparameters, TrainingMethod } from './job';

export interface JobCostEstimate {
  /** The training file's example count. */
  examples: number;
  epochs: number;
  /** `auto`: the default rule chose; `set`: the job names a number. */
  epochsSource: 'auto' | 'set';
  /** Tokens billed per pass over the training file. */
  tokensPerEpoch: number;
  /** tokensPerEpoch × epochs. */
  chargedTokens: number;
  /** Undefined when there is no per-token price (unknown model, reinforcement billed per hour). */
  estimatedCostUSD: number | undefined;
  price: TrainingPrice | undefined;
  /** Why there is no cost, or what else to know (in words, for the confirmation). */
  notes: string[];
}

export interface JobCostInput {
  model: string;
  method: TrainingMethod | (string & {});
  hyperparameters: Hyperparameters;
}

/**
 * The estimate for a job on `stats` (the training file's statistics, counted for the job's base model so the example
 * limit is the one training applies).
 */
export function estimateJobCost(
  stats: Pick<DatasetStats, 'examples' | 'billingTokens' | 'model'>,
  job: JobCostInput,
): JobCostEstimate {
  const notes: string[] = [];
  const requested = job.hyperparameters.nEpochs;
  const epochs = typeof requested === 'number' ? requested : defaultEpochs(stats.examples);
  const chargedTokens = stats.billingTokens * epochs;
  const info = resolveModel(job.model);
  let price = info?.trainingPrice;
  if (job.method === 'reinforcement') {
    price = undefined;
    notes.push('Reinforcement fine-tuning is billed per hour of training, not per token: no cost estimate.');
  } else if (info === undefined) {
    notes.push(`No price is known for ${baseModelName(job.model)}: no cost estimate.`);
  } else if (price === undefined) {
    notes.push(info.note ?? `No per-token price is known for ${info.id}: no cost estimate.`);
  }
  const countedFor = resolveModel(stats.model)?.id ?? baseModelName(stats.model);
  const trainedOn = info?.id ?? baseModelName(job.model);
  if (countedFor !== trainedOn)
    notes.push(`Tokens were counted for ${countedFor}, not ${trainedOn}: the estimate may be off.`);
  return {
    examples: stats.examples,
    epochs,
    epochsSource: typeof requested === 'number' ? 'set' : 'auto',
    tokensPerEpoch: stats.billingTokens,
    chargedTokens,
    estimatedCostUSD: price === undefined ? undefined : (chargedTokens / 1_000_000) * price.usdPerMillionTokens,
    price,
    notes,
  };
}

/**
 * The estimate in one line: `≈ 1,234,567 charged tokens (3 epochs, auto) · ≈ $3.70 at $3.00 per 1M tokens (price of
 * 2025-06-01)`, followed by any notes.
 */
export function costEstimateText(estimate: JobCostEstimate): string {
  const epochs = `${plural(estimate.epochs, 'epoch')}${estimate.epochsSource === 'auto' ? ', auto' : ''}`;
  const parts = [`≈ ${estimate.chargedTokens.toLocaleString('en-US')} charged tokens (${epochs})`];
  if (estimate.estimatedCostUSD !== undefined && estimate.price !== undefined)
    parts.push(
      `≈ ${dollars(estimate.estimatedCostUSD)} at ${dollars(estimate.price.usdPerMillionTokens)} per 1M tokens ` +
        `(price of ${estimate.price.asOf})`,
    );
  return [parts.join(' · '), ...estimate.notes].join(' ');
}

function dollars(amount: number): string {
  // Cents for everyday sums; a sub-cent job still shows that it costs something.
  if (amount > 0 && amount < 0.01) return '< $0.01';
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
