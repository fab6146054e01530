import * as assert from 'node:assert/strict';
import { costEstimateText, estimateJobCost } from '../../../src/core/jobs/costEstimate';
import { computeStats } from '../../../src/core/stats/statsAccumulator';
import type { ExampleTokens } from '../../../src/core/tokens/exampleTokens';

const example = (total: number): ExampleTokens => ({
  total,
  assistant: 1,
  messages: 2,
  hasSystem: true,
  hasUser: true,
});
const MINI = 'gpt-4o-mini-2024-07-18';

describe('job cost estimate', () => {
  it('matches the Dataset Report’s numbers when the job leaves epochs on auto', () => {
    const stats = computeStats([example(1_000), example(2_000), example(70_000)], { model: MINI, limit: 65_536 });
    const estimate = estimateJobCost(stats, { model: 'gpt-4o-mini', method: 'supervised', hyperparameters: {} });
    // 3 examples → ceil(100 / 3) = 34 epochs, capped at 25 (the cookbook rule); the long example is billed at the limit.
    assert.equal(estimate.epochs, 25);
    assert.equal(estimate.epochsSource, 'auto');
    assert.equal(estimate.tokensPerEpoch, 1_000 + 2_000 + 65_536);
    assert.equal(estimate.chargedTokens, stats.chargedTokens);
    assert.equal(estimate.estimatedCostUSD, stats.estimatedCostUSD);
    assert.deepEqual(estimate.notes, []);
  });

  it('uses the epochs the job sets', () => {
    const stats = computeStats(
      Array.from({ length: 100 }, () => example(500)),
      { model: MINI, limit: 65_536 },
    );
    const estimate = estimateJobCost(stats, {
      model: MINI,
      method: 'supervised',
      hyperparameters: { nEpochs: 2, batchSize: 8 },
    });
    assert.equal(estimate.epochs, 2);
    assert.equal(estimate.epochsSource, 'set');
    assert.equal(estimate.chargedTokens, 100_000);
    assert.ok(Math.abs(estimate.estimatedCostUSD! - 0.3) < 1e-12); // $3.00 per 1M
    assert.equal(
      costEstimateText(estimate),
      '≈ 100,000 charged tokens (2 epochs) · ≈ $0.30 at $3.00 per 1M tokens (price of 2025-06-01)',
    );
  });

  it('continuing from a fine-tuned model is priced as its base', () => {
    const stats = computeStats([example(1_000_000)], { model: MINI, limit: 2_000_000 });
    const estimate = estimateJobCost(stats, {
      model: 'ft:gpt-4o-mini-2024-07-18:org:support:abc123',
      method: 'supervised',
      hyperparameters: { nEpochs: 1 },
    });
    assert.equal(estimate.estimatedCostUSD, 3);
    assert.equal(
      costEstimateText(estimate),
      '≈ 1,000,000 charged tokens (1 epoch) · ≈ $3.00 at $3.00 per 1M tokens (price of 2025-06-01)',
    );
  });

  it('no cost for reinforcement (billed per hour) or an unknown model, saying why', () => {
    const stats = computeStats([example(100)], { model: 'o4-mini', limit: 65_536 });
    const rft = estimateJobCost(stats, { model: 'o4-mini', method: 'reinforcement', hyperparameters: { nEpochs: 1 } });
    assert.equal(rft.estimatedCostUSD, undefined);
    assert.equal(rft.chargedTokens, 100);
    assert.match(
      costEstimateText(rft),
      /^≈ 100 charged tokens \(1 epoch\) Reinforcement fine-tuning is billed per hour/,
    );
    const unknown = estimateJobCost(computeStats([example(100)], { model: 'my-model', limit: 65_536 }), {
      model: 'my-model',
      method: 'supervised',
      hyperparameters: {},
    });
    assert.equal(unknown.estimatedCostUSD, undefined);
    assert.deepEqual(unknown.notes, ['No price is known for my-model: no cost estimate.']);
  });

  it('says when the tokens were counted for another model', () => {
    const stats = computeStats([example(100)], { model: 'gpt-3.5-turbo', limit: 16_385 });
    const estimate = estimateJobCost(stats, { model: MINI, method: 'supervised', hyperparameters: {} });
    assert.match(estimate.notes.join(' '), /counted for gpt-3\.5-turbo-0125, not gpt-4o-mini-2024-07-18/);
  });

  it('a tiny job still shows that it costs something', () => {
    const stats = computeStats([example(10)], { model: MINI, limit: 65_536 });
    const estimate = estimateJobCost(stats, { model: MINI, method: 'dpo', hyperparameters: { nEpochs: 1 } });
    assert.match(costEstimateText(estimate), /≈ < \$0\.01 at/);
  });
});
