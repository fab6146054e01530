import * as assert from 'node:assert/strict';
import { LINEAGE_KEYS } from '../../../src/core/jobs/lineage';
import { isConfirmed, jobTargetOf, saveToOf } from '../../../src/jobs/actions/jobTarget';
import { rerunRequest } from '../../../src/jobs/actions/rerunRequest';
import { job } from './fakes';

describe('jobs view: what the act commands read', () => {
  it('a rerun sends the same configuration with a fresh request tag', () => {
    const original = job('ftjob-1', 'failed', {
      method: 'dpo',
      hyperparameters: { nEpochs: 3, beta: 0.1, batchSize: 'auto' },
      validationFile: 'file-valid',
      suffix: 'bot',
      seed: 42,
      trainingType: 'Standard',
      metadata: {
        team: 'support',
        [LINEAGE_KEYS.contentHash]: 'a'.repeat(64),
        [LINEAGE_KEYS.fileName]: 'data/train.jsonl',
        [LINEAGE_KEYS.requestTag]: 'req_old',
      },
    });
    assert.deepEqual(rerunRequest(original), {
      model: 'gpt-4o-mini-2024-07-18',
      trainingFile: 'file-train',
      validationFile: 'file-valid',
      method: 'dpo',
      hyperparameters: { nEpochs: 3, beta: 0.1, batchSize: 'auto' },
      suffix: 'bot',
      seed: 42,
      trainingType: 'Standard',
      metadata: {
        team: 'support',
        [LINEAGE_KEYS.contentHash]: 'a'.repeat(64),
        [LINEAGE_KEYS.fileName]: 'data/train.jsonl',
      },
    });
    assert.equal(original.metadata[LINEAGE_KEYS.requestTag], 'req_old', 'the job itself is not changed');
  });

  it('a method this version cannot send is refused with a message', () => {
    assert.throws(
      () => rerunRequest(job('j', 'failed', { method: 'distillation' })),
      /“distillation”, which cannot be rerun/,
    );
  });

  it('targets come from tree nodes or plain arguments; anything else is refused', () => {
    assert.deepEqual(jobTargetOf({ kind: 'job', connectionId: 'c', jobId: 'j' }), { connectionId: 'c', jobId: 'j' });
    assert.deepEqual(jobTargetOf({ kind: 'resultFile', connectionId: 'c', jobId: 'j', fileId: 'file-r' }), {
      connectionId: 'c',
      jobId: 'j',
      fileId: 'file-r',
    });
    const checkpoint = { id: 'k', createdAt: 1, step: 5, model: 'ft:x:ckpt-step-5', metrics: { step: 5 } };
    assert.equal(jobTargetOf({ connectionId: 'c', jobId: 'j', checkpoint })?.checkpoint, checkpoint);
    for (const bad of [
      undefined,
      null,
      'j',
      {},
      { connectionId: 'c' },
      { connectionId: '', jobId: 'j' },
      { connectionId: 1, jobId: 'j' },
    ])
      assert.equal(jobTargetOf(bad), undefined, JSON.stringify(bad));
    assert.equal(isConfirmed({ confirm: true }), true);
    assert.equal(isConfirmed({ confirm: 'yes' }), false);
    assert.equal(saveToOf({ saveTo: '/tmp/x.csv' }), '/tmp/x.csv');
    assert.equal(saveToOf({ kind: 'resultFile' }), undefined);
  });
});
