import * as assert from 'node:assert/strict';
import { jobSummary } from '../../../src/jobs/create/jobSummary';

describe('jobs (VS Code side): the create confirmation', () => {
  it('shows everything the job is created with, its estimate, end dates and deployment note', () => {
    const { message, detail } = jobSummary({
      connectionName: 'Work',
      host: 'api.openai.com',
      request: {
        model: 'gpt-4o-mini-2024-07-18',
        trainingFile: 'file-t',
        validationFile: 'file-v',
        method: 'dpo',
        hyperparameters: { nEpochs: 3, batchSize: 'auto', learningRateMultiplier: 0.5, beta: 0.1 },
        suffix: 'bot',
        seed: 7,
        metadata: { team: 'support', fts_sha256: 'a'.repeat(64) },
        trainingType: 'Standard',
      },
      trainingLabel: 'data/train.jsonl',
      validationLabel: 'data/valid.jsonl',
      estimate: ['Estimated charged tokens: 600,000'],
      lifecycle: ['gpt-4o-mini shuts down on 2027-01-14 (source: …)'],
      deploymentNote: 'Deploy it first.',
    });
    assert.equal(message, 'Create a fine-tuning job of gpt-4o-mini-2024-07-18 on api.openai.com?');
    for (const line of [
      'Connection: Work (api.openai.com)',
      'Method: Direct preference optimisation (DPO)',
      'Training file: data/train.jsonl',
      'Validation file: data/valid.jsonl',
      'Hyperparameters: epochs 3, batch size auto, learning-rate multiplier 0.5, beta 0.1',
      'Suffix: bot',
      'Seed: 7',
      'Training type: Standard',
      `Metadata: team=support, fts_sha256=${'a'.repeat(64)}`,
      'Estimated charged tokens: 600,000',
      'gpt-4o-mini shuts down on 2027-01-14 (source: …)',
      'Deploy it first.',
    ])
      assert.ok(detail.includes(line), `missing “${line}” in:\n${detail}`);
  });

  it('says none, random and auto for what was left out, and no beta outside DPO', () => {
    const { detail } = jobSummary({
      connectionName: 'Sim',
      host: '127.0.0.1:1',
      request: { model: 'sim-chat', trainingFile: 'file-t', method: 'supervised', hyperparameters: {}, metadata: {} },
      trainingLabel: 'train.jsonl',
      estimate: [],
      lifecycle: [],
    });
    assert.ok(detail.includes('Validation file: none'));
    assert.ok(detail.includes('Hyperparameters: epochs auto, batch size auto, learning-rate multiplier auto\n'));
    assert.ok(detail.includes('Suffix: none'));
    assert.ok(detail.includes('Seed: random'));
    assert.ok(detail.includes('Metadata: none'));
    assert.ok(!detail.includes('Training type'));
  });
});
