import * as assert from 'node:assert/strict';
import { APIError } from 'openai';
import {
  daysUntil,
  fineTuningNotice,
  fineTuningRefusal,
  LIFECYCLE_TABLE,
  lifecycleOf,
  shutdownText,
  todayUtc,
} from '../../../src/core/jobs/modelLifecycle';

const TODAY = '2026-12-06';

describe('model lifecycle', () => {
  it('every row has a source URL and a date in the table’s form', () => {
    for (const row of LIFECYCLE_TABLE) {
      assert.match(row.source, /^https:\/\/\S+$/);
      assert.match(row.date, /^\d{4}-\d{2}(-\d{2})?$/);
      if (row.ends === 'models') assert.ok((row.families?.length ?? 0) + (row.snapshots?.length ?? 0) > 0);
    }
  });

  it('has OpenAI’s three stages of closing self-serve fine-tuning', () => {
    const stages = lifecycleOf('gpt-4o-mini').fineTuningEnds.map((row) => `${row.date}: ${row.appliesTo}`);
    assert.deepEqual(stages, [
      '2026-05-07: organisations that had never run fine-tuning',
      '2026-07-02: organisations without inference on a fine-tuned model in the past 60 days',
      '2027-01-06: every organisation',
    ]);
  });

  it('matches families, dated snapshots and fine-tuned ids by their base', () => {
    for (const model of [
      'gpt-4o',
      'gpt-4o-2024-08-06',
      'gpt-4o-2024-11-20',
      'gpt-4o-mini',
      'GPT-4o-mini-2024-07-18',
      'gpt-4.1-2025-04-14',
      'gpt-4.1-mini',
      'ft:gpt-4o-mini-2024-07-18:my-org:support:AbC123',
      'ft:gpt-4.1-2025-04-14:my-org::xyz:ckpt-step-100',
    ])
      assert.equal(lifecycleOf(model).shutdown?.date, '2027-01-14', model);
    const fineTuned = lifecycleOf('ft:gpt-4o-mini-2024-07-18:my-org:support:AbC123');
    assert.equal(fineTuned.fineTuned, true);
    assert.equal(fineTuned.baseModel, 'gpt-4o-mini-2024-07-18');
  });

  it('an exact snapshot wins over its family; unrelated names have no date', () => {
    assert.equal(lifecycleOf('gpt-4o-2024-05-13').shutdown?.date, '2026-10-23');
    assert.equal(lifecycleOf('gpt-4.1-nano-2025-04-14').shutdown?.date, '2026-10-23');
    assert.equal(lifecycleOf('gpt-4o-mini-tts').shutdown, undefined);
    assert.equal(lifecycleOf('gpt-4.1-mini-preview').shutdown, undefined);
    assert.equal(lifecycleOf('sim-chat').shutdown, undefined);
    assert.equal(lifecycleOf('gpt-5').shutdown, undefined);
  });

  it('Azure: no OpenAI shutdowns; fine-tuning and deployments until at least 2027-04 and 2027-10', () => {
    const azure = lifecycleOf('gpt-4o-mini-2024-07-18.ft-0123abcd', 'azure');
    assert.equal(azure.fineTuned, true);
    assert.equal(azure.shutdown, undefined);
    assert.deepEqual(
      azure.fineTuningEnds.map((row) => [row.date, row.when]),
      [['2027-04', 'not-before']],
    );
    assert.equal(azure.deploymentsEnd?.date, '2027-10');
    assert.equal(
      fineTuningNotice('azure', TODAY),
      'Azure OpenAI keeps fine-tuning for existing customers until at least 2027-04, and fine-tuned deployments until at least 2027-10.',
    );
  });

  it('says when a model shuts down, relative to today', () => {
    assert.equal(
      shutdownText('gpt-4o-mini', TODAY),
      'gpt-4o-mini and its fine-tunes shut down on 2027-01-14 (in 39 days).',
    );
    assert.equal(
      shutdownText('ft:gpt-4.1-mini-2025-04-14:org::id', TODAY),
      'This fine-tune of gpt-4.1-mini-2025-04-14 shuts down on 2027-01-14 (in 39 days).',
    );
    assert.equal(
      shutdownText('gpt-4.1-nano', TODAY),
      'gpt-4.1-nano and its fine-tunes were shut down on 2026-10-23 (44 days ago).',
    );
    assert.equal(shutdownText('sim-chat', TODAY), undefined);
    assert.equal(shutdownText('gpt-4o-mini', TODAY, 'azure'), undefined);
  });

  it('the create flow’s notice follows the stages', () => {
    assert.equal(
      fineTuningNotice('openai', TODAY),
      'OpenAI is closing self-serve fine-tuning: new jobs end for every organisation on 2027-01-06 (in 31 days).',
    );
    assert.equal(
      fineTuningNotice('openai', '2027-02-01'),
      'OpenAI closed self-serve fine-tuning: no organisation can create new jobs since 2027-01-06.',
    );
  });

  it('dates', () => {
    assert.equal(daysUntil('2027-01-14', '2027-01-14'), 0);
    assert.equal(daysUntil('2027-04', '2027-03-31'), 1);
    assert.equal(todayUtc(new Date('2026-12-06T23:59:59Z')), '2026-12-06');
  });

  describe('refusal of fine-tuning', () => {
    const sdkError = (status: number, message: string, code?: string) =>
      APIError.generate(status, { error: { message, code, type: 'invalid_request_error' } }, message, new Headers());

    it('recognises the refusal by message, in its likely forms', () => {
      for (const message of [
        'Fine-tuning is not available to this organization.',
        'Fine-tuning is no longer available for your organization.',
        'Creating fine-tuning jobs is no longer available to organizations without recent fine-tuned model inference.',
        'Your organization is not eligible for fine-tuning.',
        'OpenAI is winding down the self-serve fine-tuning platform.',
        'This account does not have access to fine-tuning.',
        'Fine tuning is unavailable for this org',
        // The simulator's fault-refuse (a plausible wording, code model_not_available).
        'Fine-tuning jobs cannot be created for model fault-refuse: fine-tuning is not available to your organization.',
      ])
        assert.ok(fineTuningRefusal(sdkError(403, message), TODAY), message);
    });

    it('recognises it by code, and through a provider’s wrapping (cause, serverMessage)', () => {
      assert.ok(fineTuningRefusal(sdkError(400, 'Request refused.', 'fine_tuning_not_available'), TODAY));
      const wrapped = new Error('The server refused the request (403) at http://127.0.0.1/v1/fine_tuning/jobs.', {
        cause: sdkError(403, 'Fine-tuning is not available to this organization.'),
      });
      assert.ok(fineTuningRefusal(wrapped, TODAY));
      const providerError = Object.assign(new Error('refused'), {
        serverMessage: 'Fine-tuning is not available to this organisation',
        code: 'permission_denied',
      });
      assert.ok(fineTuningRefusal(providerError, TODAY));
    });

    it('does not mistake other errors for it', () => {
      for (const error of [
        sdkError(400, 'Model ft:gpt-3.5-turbo-0613:org::abc is not available for fine-tuning or does not exist.'),
        sdkError(
          403,
          'You have insufficient permissions for this operation. Missing scopes: api.fine_tuning.jobs.write.',
        ),
        sdkError(400, 'invalid training file: line 3 is not JSON'),
        sdkError(400, 'Reinforcement fine-tuning is not available for this model.'),
        sdkError(500, 'The server had an error while processing your request.'),
        new Error('Could not connect to http://127.0.0.1:1/v1 (ECONNREFUSED).'),
        undefined,
        'text',
      ])
        assert.equal(fineTuningRefusal(error, TODAY), undefined, String(error));
    });

    it('explains with the dates, Azure OpenAI and the export for other trainers', () => {
      const refusal = fineTuningRefusal(sdkError(403, 'Fine-tuning is not available to this organization.'), TODAY)!;
      assert.match(refusal.explanation, /not available to this organisation/);
      assert.match(refusal.explanation, /never run fine-tuning since 2026-05-07/);
      assert.match(refusal.explanation, /every organisation from 2027-01-06/);
      assert.match(
        refusal.explanation,
        /Azure OpenAI, which keeps fine-tuning for existing customers until at least 2027-04/,
      );
      assert.match(refusal.explanation, /Export Dataset As…/);
      assert.match(refusal.explanation, /TRL, Axolotl, Unsloth/);
      assert.deepEqual(
        refusal.alternatives.map((alternative) => alternative.command),
        ['fineTuneStudio.addConnection', 'fineTuneStudio.exportAs'],
      );
    });
  });
});
