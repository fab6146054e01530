import * as assert from 'node:assert/strict';
import { KNOWN_JOB_STATUSES } from '../../../src/core/jobs/job';
import {
  availableActions,
  durationText,
  isTerminal,
  isUnfinished,
  progressText,
  statusGroup,
  statusIcon,
  statusLabel,
} from '../../../src/core/jobs/jobState';
import { jobOf, OPENAI_CAPABILITIES } from './fakeProvider';

const NO_PAUSE = { ...OPENAI_CAPABILITIES, pause: false };

describe('job state', () => {
  it('groups every known status', () => {
    const groups = Object.fromEntries(KNOWN_JOB_STATUSES.map((status) => [status, statusGroup(status)]));
    assert.deepEqual(groups, {
      validating_files: 'active',
      queued: 'active',
      running: 'active',
      pausing: 'active',
      paused: 'paused',
      resuming: 'active',
      succeeded: 'terminal-success',
      failed: 'terminal-failure',
      cancelling: 'active',
      cancelled: 'terminal-cancelled',
    });
  });

  it('shows an unknown status as it came and keeps watching it', () => {
    assert.equal(statusGroup('warming_up'), 'unknown');
    assert.equal(statusLabel('warming_up'), 'warming_up');
    assert.deepEqual(statusIcon('warming_up'), { id: 'question' });
    assert.equal(isUnfinished('warming_up'), true);
    assert.equal(isTerminal('warming_up'), false);
    // Names of Object.prototype are statuses like any other text, not table rows.
    assert.equal(statusGroup('constructor'), 'unknown');
    assert.equal(statusLabel('toString'), 'toString');
  });

  it('polls active jobs only: not paused or finished ones', () => {
    assert.deepEqual(
      KNOWN_JOB_STATUSES.filter((status) => isUnfinished(status)),
      ['validating_files', 'queued', 'running', 'pausing', 'resuming', 'cancelling'],
    );
    assert.deepEqual(
      KNOWN_JOB_STATUSES.filter((status) => isTerminal(status)),
      ['succeeded', 'failed', 'cancelled'],
    );
  });

  it('labels and icons', () => {
    assert.equal(statusLabel('validating_files'), 'Validating files');
    assert.deepEqual(statusIcon('succeeded'), { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(statusIcon('failed'), { id: 'error', color: 'testing.iconFailed' });
    assert.equal(statusIcon('running').id, 'sync~spin');
    for (const status of KNOWN_JOB_STATUSES) assert.notEqual(statusLabel(status), status);
  });

  describe('actions', () => {
    it('a running job: cancel, pause where the provider can, copy its id', () => {
      assert.deepEqual(availableActions(jobOf({ status: 'running' }), OPENAI_CAPABILITIES), [
        'cancel',
        'pause',
        'copyJobId',
      ]);
      assert.deepEqual(availableActions(jobOf({ status: 'running' }), NO_PAUSE), ['cancel', 'copyJobId']);
    });

    it('a paused job resumes (where supported) and can be cancelled', () => {
      assert.deepEqual(availableActions(jobOf({ status: 'paused' }), OPENAI_CAPABILITIES), [
        'cancel',
        'resume',
        'copyJobId',
      ]);
      assert.deepEqual(availableActions(jobOf({ status: 'paused' }), NO_PAUSE), ['cancel', 'copyJobId']);
    });

    it('a cancelling job cannot be cancelled again', () => {
      assert.deepEqual(availableActions(jobOf({ status: 'cancelling' }), OPENAI_CAPABILITIES), ['copyJobId']);
    });

    it('a succeeded job: playground, rerun, copy both ids, results, its training file', () => {
      const job = jobOf({
        status: 'succeeded',
        fineTunedModel: 'ft:gpt-4o-mini-2024-07-18:org::abc',
        resultFiles: ['file-result'],
        metadata: { fts_file: 'train.jsonl' },
      });
      assert.deepEqual(availableActions(job, OPENAI_CAPABILITIES), [
        'openInPlayground',
        'rerun',
        'copyJobId',
        'copyModelId',
        'downloadResults',
        'openTrainingFile',
      ]);
    });

    it('a failed job shows its error and can be rerun', () => {
      const job = jobOf({ status: 'failed', error: { code: 'invalid_file', message: 'bad line 3' } });
      assert.deepEqual(availableActions(job, OPENAI_CAPABILITIES), ['rerun', 'copyJobId', 'showError']);
    });

    it('an unknown status may still be cancelled (the server decides)', () => {
      assert.deepEqual(availableActions(jobOf({ status: 'warming_up' }), OPENAI_CAPABILITIES), ['cancel', 'copyJobId']);
    });
  });

  describe('progress', () => {
    const now = 1_700_000_000;
    it('step of total with percent, and the time left', () => {
      const job = jobOf({ estimatedFinish: now + 12 * 60 });
      assert.equal(progressText(job, { step: 120, totalSteps: 300 }, now), 'Step 120 of 300 (40%) · about 12 min left');
    });

    it('leaves out what is not known', () => {
      assert.equal(progressText(jobOf(), { step: 1234 }, now), 'Step 1,234');
      assert.equal(progressText(jobOf({ estimatedFinish: now + 30 }), undefined, now), 'about 30 s left');
      assert.equal(progressText(jobOf({ estimatedFinish: now - 5 }), undefined, now), 'finishing soon');
      assert.equal(progressText(jobOf({ status: 'queued' }), undefined, now), undefined);
    });

    it('none for finished jobs; a paused job keeps its step but no finish time', () => {
      assert.equal(progressText(jobOf({ status: 'succeeded' }), { step: 3, totalSteps: 3 }, now), undefined);
      const paused = jobOf({ status: 'paused', estimatedFinish: now + 600 });
      assert.equal(progressText(paused, { step: 5, totalSteps: 10 }, now), 'Step 5 of 10 (50%)');
    });

    it('durations', () => {
      assert.equal(durationText(0), '0 s');
      assert.equal(durationText(59), '59 s');
      assert.equal(durationText(90), '2 min');
      assert.equal(durationText(3599), '1 h');
      assert.equal(durationText(3 * 3600 + 5 * 60), '3 h 5 min');
      assert.equal(durationText(2 * 86400 + 4 * 3600), '2 d 4 h');
      assert.equal(durationText(-10), '0 s');
    });
  });
});
