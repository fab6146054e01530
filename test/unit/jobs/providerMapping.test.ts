import * as assert from 'node:assert/strict';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import type { Model } from 'openai/resources/models';
import { fineTunableModels, isFineTunedModel, methodsForModel } from '../../../src/core/jobs/fineTunableModels';
import { mapCheckpoint, mapEvent, mapJob } from '../../../src/core/jobs/mapJob';
import { capabilitiesFor } from '../../../src/core/jobs/openaiProvider';
import { azureDeploymentSteps } from '../../../src/core/jobs/azureDeployment';

const job = (fields: Record<string, unknown>) => fields as unknown as FineTuningJob;

describe('jobs: mapping the API objects', () => {
  it('maps a succeeded supervised job, hyperparameters from method', () => {
    const mapped = mapJob(
      job({
        id: 'ftjob-1',
        object: 'fine_tuning.job',
        status: 'succeeded',
        model: 'gpt-4o-mini-2024-07-18',
        fine_tuned_model: 'ft:gpt-4o-mini-2024-07-18:acme:support-v2:AbC123',
        created_at: 1_700_000_000,
        finished_at: 1_700_000_600,
        training_file: 'file-train',
        validation_file: null,
        result_files: ['file-result'],
        trained_tokens: 12345,
        seed: 42,
        error: null,
        hyperparameters: { n_epochs: 3, batch_size: 'auto', learning_rate_multiplier: 1.8 },
        method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 4, batch_size: 8 } } },
        metadata: { fts_sha256: 'abc', odd: 5 },
      }),
    );
    assert.deepEqual(mapped, {
      id: 'ftjob-1',
      status: 'succeeded',
      model: 'gpt-4o-mini-2024-07-18',
      fineTunedModel: 'ft:gpt-4o-mini-2024-07-18:acme:support-v2:AbC123',
      createdAt: 1_700_000_000,
      finishedAt: 1_700_000_600,
      method: 'supervised',
      hyperparameters: { nEpochs: 4, batchSize: 8, learningRateMultiplier: 1.8 },
      trainingFile: 'file-train',
      resultFiles: ['file-result'],
      trainedTokens: 12345,
      seed: 42,
      suffix: 'support-v2',
      metadata: { fts_sha256: 'abc' },
    });
  });

  it('reads the suffix of a running job from user_provided_suffix (no fine-tuned model yet)', () => {
    const mapped = mapJob(job({ id: 'ftjob-3', status: 'running', user_provided_suffix: 'support-v3' }));
    assert.equal(mapped.suffix, 'support-v3');
  });

  it('keeps a status and a method the SDK types do not know, and survives missing or odd fields', () => {
    const mapped = mapJob(
      job({ id: 'ftjob-2', status: 'defrosting', method: { type: 'distillation' }, result_files: 'x' }),
    );
    assert.equal(mapped.status, 'defrosting');
    assert.equal(mapped.method, 'distillation');
    assert.deepEqual(mapped.resultFiles, []);
    assert.deepEqual(mapped.metadata, {});
    assert.equal(mapped.error, undefined);
    assert.doesNotThrow(() => mapJob(job({})));
    assert.doesNotThrow(() => mapJob(null as unknown as FineTuningJob));
  });

  it('keeps a failed job’s error verbatim, and reads Azure’s training type and DPO beta', () => {
    const mapped = mapJob(
      job({
        id: 'ftjob-3',
        status: 'failed',
        error: { code: 'invalid_training_file', message: 'Line 3: missing "messages".', param: 'training_file' },
        trainingType: 'GlobalStandard',
        method: { type: 'dpo', dpo: { hyperparameters: { beta: 0.2, n_epochs: 'auto' } } },
      }),
    );
    assert.deepEqual(mapped.error, {
      code: 'invalid_training_file',
      message: 'Line 3: missing "messages".',
      param: 'training_file',
    });
    assert.equal(mapped.trainingType, 'GlobalStandard');
    assert.deepEqual(mapped.hyperparameters, { nEpochs: 'auto', beta: 0.2 });
    // `error: {}` and all-null errors on healthy jobs are no error.
    assert.equal(mapJob(job({ error: {} })).error, undefined);
    assert.equal(mapJob(job({ error: { code: null, message: null, param: null } })).error, undefined);
  });

  it('maps metrics events and checkpoints', () => {
    const event = mapEvent({
      id: 'ftevent-1',
      object: 'fine_tuning.job.event',
      created_at: 5,
      level: 'info',
      message: 'Step 10/100: training loss=0.5',
      type: 'metrics',
      data: { step: 10, train_loss: 0.5, total_steps: 100 },
    });
    assert.deepEqual(event, {
      id: 'ftevent-1',
      createdAt: 5,
      level: 'info',
      message: 'Step 10/100: training loss=0.5',
      type: 'metrics',
      data: { step: 10, train_loss: 0.5, total_steps: 100 },
    });
    const checkpoint = mapCheckpoint({
      id: 'ftckpt-1',
      object: 'fine_tuning.job.checkpoint',
      created_at: 6,
      fine_tuned_model_checkpoint: 'ft:gpt-4o-mini:acme::AbC:ckpt-step-20',
      fine_tuning_job_id: 'ftjob-1',
      step_number: 20,
      metrics: {
        step: 20,
        train_loss: 0.4,
        valid_loss: 0.45,
        full_valid_loss: 0.46,
        full_valid_mean_token_accuracy: 0.8,
      },
    });
    assert.deepEqual(checkpoint, {
      id: 'ftckpt-1',
      createdAt: 6,
      step: 20,
      model: 'ft:gpt-4o-mini:acme::AbC:ckpt-step-20',
      metrics: { step: 20, trainLoss: 0.4, validLoss: 0.45, fullValidLoss: 0.46, fullValidMeanTokenAccuracy: 0.8 },
    });
  });
});

describe('jobs: which models can be fine-tuned, with which methods', () => {
  const models = (...specs: (string | { id: string; capabilities?: unknown })[]): Model[] =>
    specs.map((spec) =>
      typeof spec === 'string'
        ? { id: spec, object: 'model', created: 0, owned_by: 'x' }
        : { object: 'model', created: 0, owned_by: 'x', ...spec },
    );

  it('OpenAI: table models by exact id or alias, plus fine-tunes; nothing by prefix', () => {
    const listed = models(
      'gpt-4o-audio-preview',
      'gpt-4o-mini-2024-07-18',
      'gpt-4.1',
      'ft:gpt-4o-mini-2024-07-18:acme:x:1',
      'dall-e-3',
      'gpt-4o-mini-2024-07-18',
      'text-embedding-3-small',
    );
    assert.deepEqual(fineTunableModels(listed, 'openai'), [
      'gpt-4.1',
      'gpt-4o-mini-2024-07-18',
      'ft:gpt-4o-mini-2024-07-18:acme:x:1',
    ]);
  });

  it('Azure: its own fine_tune capability decides; without one, the OpenAI rule', () => {
    const listed = models(
      { id: 'gpt-4o-mini-2024-07-18', capabilities: { fine_tune: true, inference: true } },
      { id: 'gpt-4o-2024-05-13', capabilities: { fine_tune: false } },
      { id: 'gpt-4.1-2025-04-14' },
      { id: 'gpt-35-turbo-0125.ft-abc123', capabilities: { fine_tune: true } },
    );
    assert.deepEqual(fineTunableModels(listed, 'azure'), [
      'gpt-4.1-2025-04-14',
      'gpt-4o-mini-2024-07-18',
      'gpt-35-turbo-0125.ft-abc123',
    ]);
    assert.ok(isFineTunedModel('gpt-35-turbo-0125.ft-abc123'));
  });

  it('compatible servers: the entries that say they can be fine-tuned, when entries say', () => {
    const listed = models(
      { id: 'sim-chat', capabilities: { fine_tune: true } },
      { id: 'echo', capabilities: { fine_tune: false } },
      'sim-completion',
    );
    assert.deepEqual(fineTunableModels(listed, 'compatible'), ['sim-chat', 'sim-completion']);
  });

  it('compatible servers: every listed model when none says', () => {
    assert.deepEqual(fineTunableModels(models('sim-chat', 'echo', 'ft:sim-chat:sim::1'), 'compatible'), [
      'echo',
      'sim-chat',
      'ft:sim-chat:sim::1',
    ]);
  });

  it('offers DPO and reinforcement only for models OpenAI documents them for', () => {
    const all = capabilitiesFor('openai').methods;
    assert.deepEqual(all, ['supervised', 'dpo'], 'reinforcement needs a grader the create flow cannot set yet');
    assert.deepEqual(methodsForModel(all, 'gpt-4o-mini-2024-07-18', 'openai'), ['supervised', 'dpo']);
    assert.deepEqual(methodsForModel(all, 'ft:gpt-4.1-2025-04-14:acme::x', 'openai'), ['supervised', 'dpo']);
    const withReinforcement = [...all, 'reinforcement' as const];
    assert.deepEqual(methodsForModel(withReinforcement, 'o4-mini-2025-04-16', 'openai'), [
      'supervised',
      'reinforcement',
    ]);
    assert.deepEqual(methodsForModel(all, 'gpt-3.5-turbo-0125', 'openai'), ['supervised']);
    assert.deepEqual(methodsForModel(all, 'some-new-model', 'openai'), ['supervised']);
    assert.deepEqual(methodsForModel(all, 'sim-chat', 'compatible'), all);
    assert.deepEqual(methodsForModel(capabilitiesFor('azure').methods, 'o4-mini', 'azure'), ['supervised']);
  });

  it('capabilities: Azure has training types and the deployment note, no pause; OpenAI pauses', () => {
    const azure = capabilitiesFor('azure');
    assert.deepEqual(azure.trainingTypes, ['GlobalStandard', 'Standard', 'Developer']);
    assert.equal(azure.pause, false);
    assert.match(azure.deploymentNote ?? '', /15 days/);
    assert.match(azure.deploymentNote ?? '', /hourly hosting fee/);
    assert.match(azure.deploymentNote ?? '', /management API/);
    assert.match(
      azureDeploymentSteps('gpt-4o-mini-2024-07-18.ft-abc'),
      /^Fine-tuned model: gpt-4o-mini-2024-07-18\.ft-abc\n/,
    );
    const openai = capabilitiesFor('openai');
    assert.equal(openai.pause, true);
    assert.deepEqual(openai.trainingTypes, []);
    assert.equal(openai.deploymentNote, undefined);
  });
});
