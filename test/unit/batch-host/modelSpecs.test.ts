import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pickerOrder } from '../../../src/batch/modelOrder';
import { maxTokensFieldFor, modelChoicesProblem, modelSpecs } from '../../../src/batch/modelSpecs';
import {
  DEFAULT_BATCH_CONCURRENCY,
  PARAMETERS_PROMPT,
  concurrencyFrom,
  parametersBoxTitle,
} from '../../../src/batch/parameterInput';
import { PARAMETER_NAMES } from '../../../src/core/batch/parameterText';

describe('batch runs (VS Code side): models and parameters', () => {
  it('labels models by id, numbering repeats across connections, with empty parameters by default', () => {
    assert.deepEqual(
      modelSpecs([
        { connection: 'a', model: 'gpt-4o-mini' },
        { connection: 'b', model: 'gpt-4o-mini', parameters: { temperature: 0 } },
        { connection: 'a', model: 'echo' },
        { connection: 'a', model: 'gpt-4o-mini' },
      ]),
      [
        { label: 'gpt-4o-mini', connection: 'a', model: 'gpt-4o-mini', parameters: {} },
        { label: 'gpt-4o-mini #2', connection: 'b', model: 'gpt-4o-mini', parameters: { temperature: 0 } },
        { label: 'echo', connection: 'a', model: 'echo', parameters: {} },
        { label: 'gpt-4o-mini #3', connection: 'a', model: 'gpt-4o-mini', parameters: {} },
      ],
    );
  });

  it('gives every model of any list a unique label (labels are what resuming matches)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('m', 'm #2', 'x', 'm #3'), { maxLength: 8 }), (ids) => {
        const labels = modelSpecs(ids.map((model) => ({ connection: 'c', model }))).map((spec) => spec.label);
        assert.equal(new Set(labels).size, labels.length);
      }),
    );
  });

  it('sends max_completion_tokens to OpenAI and max_tokens elsewhere', () => {
    assert.equal(maxTokensFieldFor('openai'), 'max_completion_tokens');
    assert.equal(maxTokensFieldFor('azure'), 'max_tokens');
    assert.equal(maxTokensFieldFor('compatible'), 'max_tokens');
  });

  it('takes 1 to 4 models with non-empty ids', () => {
    const one = { connection: 'c', model: 'm' };
    assert.equal(modelChoicesProblem([]), 'Choose at least one model.');
    assert.equal(modelChoicesProblem([one]), undefined);
    assert.equal(modelChoicesProblem([one, one, one, one]), undefined);
    assert.equal(modelChoicesProblem([one, one, one, one, one]), 'Choose at most 4 models (5 were given).');
    assert.equal(modelChoicesProblem([one, { connection: 'c', model: ' ' }]), 'A model id must not be empty.');
  });

  it('orders the picker fine-tuned first, each group sorted, without repeats', () => {
    assert.deepEqual(pickerOrder(['b', 'ft:z', 'a', 'ft:a', 'b']), ['ft:a', 'ft:z', 'a', 'b']);
  });

  it('titles each model’s parameter box with its label and place, and names every parameter in the prompt', () => {
    assert.equal(parametersBoxTitle('gpt-4o-mini #2', 1, 3), 'Run Batch: Parameters for gpt-4o-mini #2 (2 of 3)');
    for (const name of PARAMETER_NAMES) assert.ok(PARAMETERS_PROMPT.includes(name), name);
    assert.match(PARAMETERS_PROMPT, /temperature 0 to 2, top_p 0 to 1, max_tokens ≥ 1/);
  });

  it('takes the concurrency setting when it is a whole number from 1 to 64, else its default', () => {
    assert.equal(concurrencyFrom(8), 8);
    assert.equal(concurrencyFrom(64), 64);
    for (const bad of [0, 65, 2.5, '8', undefined, null]) assert.equal(concurrencyFrom(bad), DEFAULT_BATCH_CONCURRENCY);
  });

  it('has the default package.json gives the setting', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown; maximum?: unknown }> } };
    };
    const setting = manifest.contributes.configuration.properties['fineTuneStudio.batch.concurrency'];
    assert.equal(setting?.default, DEFAULT_BATCH_CONCURRENCY);
    assert.equal(setting?.maximum, 64);
  });
});
