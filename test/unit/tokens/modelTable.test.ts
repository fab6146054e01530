import * as assert from 'node:assert/strict';
import {
  baseModelName,
  encodingForModel,
  exampleTokenLimit,
  modelWarning,
  resolveModel,
  trainingPrice,
} from '../../../src/core/models/modelLookup';
import { MODEL_TABLE } from '../../../src/core/models/modelTable';

describe('model table', () => {
  it('resolves aliases, any case, and fine-tuned names to the dated snapshot', () => {
    assert.equal(resolveModel('gpt-4o-mini')?.id, 'gpt-4o-mini-2024-07-18');
    assert.equal(resolveModel(' GPT-4o-Mini ')?.id, 'gpt-4o-mini-2024-07-18');
    assert.equal(resolveModel('gpt-4o')?.id, 'gpt-4o-2024-08-06');
    assert.equal(resolveModel('gpt-3.5-turbo')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('gpt-4.1-nano')?.id, 'gpt-4.1-nano-2025-04-14');
    assert.equal(resolveModel('o4-mini')?.id, 'o4-mini-2025-04-16');
    assert.equal(resolveModel('ft:gpt-4o-mini-2024-07-18:acme:support:9xYz')?.id, 'gpt-4o-mini-2024-07-18');
    assert.equal(resolveModel('ft:gpt-3.5-turbo-0613')?.id, 'gpt-3.5-turbo-0613');
    assert.equal(resolveModel('gpt-4o-2024-11-20'), undefined);
    assert.equal(baseModelName('ft:davinci-002:org::abc'), 'davinci-002');
  });

  it("understands Azure OpenAI's model names and OpenAI's gpt-3.5-turbo-16k alias", () => {
    assert.equal(resolveModel('gpt-35-turbo')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('GPT-35-Turbo-0125')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('gpt-35-turbo-1106')?.id, 'gpt-3.5-turbo-1106');
    assert.equal(resolveModel('gpt-35-turbo-0613')?.id, 'gpt-3.5-turbo-0613');
    assert.equal(resolveModel('gpt-35-turbo-16k')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('gpt-3.5-turbo-16k')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('ft:gpt-35-turbo-0125:contoso::abc')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('gpt-4o-mini-2024-07-18')?.id, 'gpt-4o-mini-2024-07-18');
    assert.equal(resolveModel('gpt-35-turbo-0125.ft-0e208cf33a6a466994aff31a08aba678')?.id, 'gpt-3.5-turbo-0125');
    assert.equal(resolveModel('gpt-4o-mini-2024-07-18.ft-5a1b2c')?.id, 'gpt-4o-mini-2024-07-18');
    assert.equal(encodingForModel('gpt-35-turbo'), 'cl100k_base');
    assert.equal(resolveModel('gpt-350'), undefined);
  });

  it('warns about an unknown model naming the limit and price used, and about a known model without a limit', () => {
    assert.equal(modelWarning('foo'), "unknown model 'foo': using the default 65,536-token example limit and no price");
    assert.equal(
      modelWarning('foo', 8000),
      "unknown model 'foo': using the default 8,000-token example limit and no price",
    );
    assert.equal(
      modelWarning('gpt-4.1'),
      'no published example limit for gpt-4.1-2025-04-14: using the default 65,536-token limit',
    );
    assert.equal(modelWarning('gpt-4o-mini'), undefined);
    assert.equal(modelWarning('gpt-35-turbo'), undefined);
    assert.equal(modelWarning('ft:gpt-4o-mini-2024-07-18:org:x:1'), undefined);
  });

  it('gives the published example limits, else the configured default', () => {
    assert.equal(exampleTokenLimit('gpt-4o-mini-2024-07-18', 1000), 65_536);
    assert.equal(exampleTokenLimit('gpt-4o', 1000), 65_536);
    assert.equal(exampleTokenLimit('gpt-3.5-turbo-0125', 1000), 16_385);
    assert.equal(exampleTokenLimit('gpt-3.5-turbo-1106', 1000), 16_385);
    assert.equal(exampleTokenLimit('gpt-3.5-turbo-0613', 1000), 4_096);
    assert.equal(exampleTokenLimit('babbage-002', 1000), 16_384);
    assert.equal(exampleTokenLimit('davinci-002', 1000), 16_384);
    assert.equal(exampleTokenLimit('gpt-4.1-2025-04-14', 1234), 1234, 'not published: the setting');
    assert.equal(exampleTokenLimit('my-own-model', 65_536), 65_536);
  });

  it('has training prices per million tokens, marked as estimates', () => {
    const prices: [string, number][] = [
      ['gpt-4o-mini', 3],
      ['gpt-4o-2024-08-06', 25],
      ['gpt-3.5-turbo', 8],
      ['gpt-4.1', 25],
      ['gpt-4.1-mini', 5],
      ['gpt-4.1-nano', 1.5],
      ['davinci-002', 6],
      ['babbage-002', 0.4],
    ];
    for (const [model, usd] of prices) {
      assert.equal(trainingPrice(model)?.usdPerMillionTokens, usd, model);
      assert.equal(trainingPrice(model)?.estimate, true, model);
    }
    assert.equal(trainingPrice('o4-mini'), undefined, 'billed per hour');
    assert.equal(trainingPrice('unknown'), undefined);
  });

  it('cites a source and a date for every row and price, and lists each name once', () => {
    const names = new Set<string>();
    for (const row of MODEL_TABLE) {
      assert.match(row.source, /^https:\/\//, row.id);
      assert.match(row.asOf, /^\d{4}-\d{2}-\d{2}$/, row.id);
      if (row.trainingPrice) {
        assert.match(row.trainingPrice.source, /^https:\/\//, row.id);
        assert.match(row.trainingPrice.asOf, /^\d{4}-\d{2}-\d{2}$/, row.id);
      }
      for (const name of [row.id, ...row.aliases]) {
        assert.equal(name, name.toLowerCase());
        assert.ok(!names.has(name), `${name} listed twice`);
        names.add(name);
      }
    }
  });

  it('picks the tokenizer by model family', () => {
    for (const model of [
      'gpt-4o-mini',
      'gpt-4o-2024-11-20',
      'gpt-4.1-mini',
      'o1',
      'o3-mini',
      'o4-mini-2025-04-16',
      'ft:gpt-4o-2024-08-06:x::y',
      'something-new',
    ]) {
      assert.equal(encodingForModel(model), 'o200k_base', model);
    }
    for (const model of [
      'gpt-3.5-turbo',
      'gpt-3.5-turbo-16k',
      'gpt-4',
      'gpt-4-0613',
      'gpt-4-turbo',
      'babbage-002',
      'davinci-002',
    ]) {
      assert.equal(encodingForModel(model), 'cl100k_base', model);
    }
  });
});
