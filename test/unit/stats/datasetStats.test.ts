import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeStats, StatsAccumulator } from '../../../src/core/stats/statsAccumulator';
import { loadEncoding } from '../../../src/core/tokens/encoding';
import { countExampleTokens, type ExampleTokens } from '../../../src/core/tokens/exampleTokens';
import { COOKBOOK_OUTPUT, TOY_CHAT_EXAMPLES } from '../tokens/cookbookToyData';

const example = (total: number, assistant = 0, messages = 2, hasSystem = true, hasUser = true): ExampleTokens => ({
  total,
  assistant,
  messages,
  hasSystem,
  hasUser,
});

describe('dataset statistics', () => {
  it('reproduces the cookbook’s analysis of its toy dataset', () => {
    const cl100k = loadEncoding('cl100k_base');
    const examples = TOY_CHAT_EXAMPLES.map((value) => countExampleTokens(value, 'chat', cl100k)!);
    const stats = computeStats(examples, { model: 'gpt-3.5-turbo-0613', limit: 4096 });
    const expected = COOKBOOK_OUTPUT;
    assert.equal(stats.examples, 5);
    assert.equal(stats.missingSystem, expected.missingSystem);
    assert.equal(stats.missingUser, expected.missingUser);
    for (const [actual, cookbook] of [
      [stats.messagesPerExample!, expected.messages],
      [stats.totalTokensPerExample!, expected.totalTokens],
      [stats.assistantTokensPerExample!, expected.assistantTokens],
    ] as const) {
      assert.deepEqual(
        [actual.min, actual.max, actual.mean, actual.median],
        [cookbook.min, cookbook.max, cookbook.mean, cookbook.median],
      );
    }
    assert.equal(stats.overLimit, expected.overLimit);
    assert.equal(stats.billingTokens, expected.billingTokens);
    assert.equal(stats.epochs, expected.epochs);
    assert.equal(stats.chargedTokens, expected.chargedTokens);
    assert.equal(stats.totalTokens, 8242);
  });

  it('bills at most the limit per example and counts those over it', () => {
    const stats = computeStats([example(100), example(1000), example(5000)], {
      model: 'gpt-3.5-turbo-0613',
      limit: 4096,
    });
    assert.equal(stats.overLimit, 1);
    assert.equal(stats.billingTokens, 100 + 1000 + 4096);
    assert.equal(stats.totalTokens, 6100);
    assert.equal(stats.limit, 4096);
  });

  it('estimates the cost from the price table, with its source', () => {
    const examples = Array.from({ length: 10 }, () => example(1000, 200));
    const stats = computeStats(examples, { model: 'gpt-4o-mini', limit: 65_536 });
    assert.equal(stats.model, 'gpt-4o-mini-2024-07-18');
    assert.equal(stats.billingTokens, 10_000);
    assert.equal(stats.epochs, 10);
    assert.equal(stats.epochsSource, 'default');
    assert.equal(stats.chargedTokens, 100_000);
    assert.ok(Math.abs(stats.estimatedCostUSD! - 0.3) < 1e-12); // 0.1M tokens × $3.00
    assert.equal(stats.price?.usdPerMillionTokens, 3);
    assert.equal(stats.price?.estimate, true);
    assert.match(stats.price?.source ?? '', /^https:\/\//);
    assert.match(stats.price?.asOf ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('uses epochs the user chose', () => {
    const stats = computeStats([example(1000), example(3000)], {
      model: 'gpt-4o-2024-08-06',
      limit: 65_536,
      epochsOverride: 2,
    });
    assert.equal(stats.epochs, 2);
    assert.equal(stats.epochsSource, 'override');
    assert.equal(stats.chargedTokens, 8000);
    assert.ok(Math.abs(stats.estimatedCostUSD! - 0.2) < 1e-12); // 0.008M × $25
  });

  it('has no cost for models without a per-token price', () => {
    const unknown = computeStats([example(10)], { model: 'my-model', limit: 100 });
    assert.equal(unknown.model, 'my-model');
    assert.equal(unknown.estimatedCostUSD, undefined);
    assert.equal(unknown.price, undefined);
    assert.equal(computeStats([example(10)], { model: 'o4-mini', limit: 100 }).estimatedCostUSD, undefined);
  });

  it('counts missing system and user messages and summarises messages', () => {
    const stats = computeStats(
      [example(10, 1, 2, false, true), example(20, 2, 3, true, false), example(30, 3, 5, false, false)],
      { model: 'gpt-4o-mini', limit: 100 },
    );
    assert.equal(stats.missingSystem, 2);
    assert.equal(stats.missingUser, 2);
    assert.deepEqual(stats.messagesPerExample, { min: 2, max: 5, mean: 10 / 3, median: 3, p5: 2.1, p95: 4.8 });
    assert.deepEqual(stats.totalTokensHistogram, [
      { start: 10, end: 12, count: 1 },
      { start: 12, end: 14, count: 0 },
      { start: 14, end: 16, count: 0 },
      { start: 16, end: 18, count: 0 },
      { start: 18, end: 20, count: 0 },
      { start: 20, end: 22, count: 1 },
      { start: 22, end: 24, count: 0 },
      { start: 24, end: 26, count: 0 },
      { start: 26, end: 28, count: 0 },
      { start: 28, end: 30, count: 0 },
      { start: 30, end: 32, count: 1 },
    ]);
  });

  it('describes an empty dataset without inventing numbers', () => {
    const stats = computeStats([], { model: 'gpt-4o-mini', limit: 65_536 });
    assert.equal(stats.examples, 0);
    assert.equal(stats.totalTokensPerExample, undefined);
    assert.equal(stats.messagesPerExample, undefined);
    assert.equal(stats.assistantTokensPerExample, undefined);
    assert.deepEqual(stats.totalTokensHistogram, []);
    assert.equal(stats.chargedTokens, 0);
    assert.equal(stats.estimatedCostUSD, 0);
  });

  it('streams to the same result as computing at once, in any order and across result() calls', () => {
    const arbitraryExample = fc.record({
      total: fc.integer({ min: 0, max: 200_000 }),
      assistant: fc.integer({ min: 0, max: 50_000 }),
      messages: fc.integer({ min: 0, max: 60 }),
      hasSystem: fc.boolean(),
      hasUser: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryExample, { maxLength: 300 }), fc.nat(), (examples, split) => {
        const options = { model: 'gpt-4o-mini', limit: 65_536 };
        const accumulator = new StatsAccumulator(options);
        const cut = examples.length === 0 ? 0 : split % examples.length;
        for (const e of examples.slice(0, cut)) accumulator.add(e);
        assert.deepEqual(accumulator.result(), computeStats(examples.slice(0, cut), options));
        for (const e of examples.slice(cut)) accumulator.add(e);
        assert.deepEqual(accumulator.result(), computeStats([...examples].reverse(), options));
      }),
      { numRuns: 100 },
    );
  });

  it('handles a million examples in typed arrays', () => {
    const accumulator = new StatsAccumulator({ model: 'gpt-4o-mini', limit: 65_536 });
    for (let i = 0; i < 1_000_000; i++) accumulator.add(example(i % 1000, 1, 3));
    const stats = accumulator.result();
    assert.equal(stats.examples, 1_000_000);
    assert.equal(stats.totalTokensPerExample?.max, 999);
    assert.equal(stats.totalTokensPerExample?.median, 499.5);
    assert.equal(stats.epochs, 1);
  });
});
