import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { JobDetail } from '../../../src/protocol/jobs';
import { jobTitle } from '../../../src/protocol/jobs';
import { detailView } from '../../../webview/jobs/detailView';
import { metricsTable, reportedSeries } from '../../../webview/jobs/metricsTable';
import { patchChildren } from '../../../webview/jobs/patchChildren';

function baseDetail(): JobDetail {
  return {
    job: {
      id: 'ftjob-abc',
      status: 'running',
      model: 'gpt-4o-mini-2024-07-18',
      createdAt: 1_700_000_000,
      method: 'supervised',
      hyperparameters: { nEpochs: 3, batchSize: 'auto', learningRateMultiplier: 1.8 },
      trainingFile: 'file-train',
      validationFile: 'file-valid',
      resultFiles: [],
      metadata: { dataset_sha256: 'abc123', dataset_file: 'support.jsonl' },
    },
    connectionName: 'Local simulator',
    statusLabel: 'Running',
    unfinished: true,
    checkpoints: [],
    totalSteps: 10,
  };
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The value cell of the row headed `label` in a table. */
function cell(root: Element, tableLabel: string, label: string): string {
  const table = root.querySelector(`table[aria-label="${tableLabel}"]`);
  const row = [...(table?.querySelectorAll('tr') ?? [])].find((tr) => text(tr.querySelector('th')) === label);
  return text(row?.querySelector('td'));
}

describe('job detail webview', () => {
  let dom: JSDOM;
  const saved = globalThis.document;

  beforeEach(() => {
    dom = new JSDOM('<!DOCTYPE html><body></body>');
    globalThis.document = dom.window.document;
  });
  afterEach(() => {
    globalThis.document = saved;
  });

  it('titles the job by its suffix, else its id', () => {
    assert.equal(jobTitle({ id: 'ftjob-1', suffix: 'support-bot' }), 'Job support-bot');
    assert.equal(jobTitle({ id: 'ftjob-1' }), 'Job ftjob-1');
    assert.equal(jobTitle({ id: 'ftjob-1', suffix: '' }), 'Job ftjob-1');
  });

  it('shows status, model, progress, hyperparameters, files and metadata', () => {
    const view = detailView(baseDetail(), 4);
    assert.equal(cell(view, 'Job', 'Status'), 'Running');
    assert.equal(cell(view, 'Job', 'Connection'), 'Local simulator');
    assert.equal(cell(view, 'Job', 'Model'), 'gpt-4o-mini-2024-07-18');
    assert.equal(cell(view, 'Job', 'Progress'), 'step 4 of 10');
    assert.equal(cell(view, 'Job', 'Fine-tuned model'), '', 'none yet');
    assert.equal(cell(view, 'Hyperparameters', 'Epochs'), '3');
    assert.equal(cell(view, 'Hyperparameters', 'Batch size'), 'auto');
    assert.equal(cell(view, 'Hyperparameters', 'Learning rate multiplier'), '1.8');
    assert.equal(cell(view, 'Files', 'Training file'), 'file-train');
    assert.equal(cell(view, 'Files', 'Validation file'), 'file-valid');
    assert.equal(cell(view, 'Files', 'Result files'), 'none yet');
    assert.equal(cell(view, 'Metadata', 'dataset_file'), 'support.jsonl');
    assert.equal(text(view.querySelector('.empty')), 'No checkpoints yet.');
    assert.equal(view.querySelector('[role="alert"]'), null, 'no error, no warning');
  });

  it('shows a succeeded job: fine-tuned model, trained tokens, result file, deployment note, checkpoints by step', () => {
    const detail = baseDetail();
    const view = detailView(
      {
        ...detail,
        statusLabel: 'Succeeded',
        unfinished: false,
        deploymentNote: 'Deploy it through the Azure management API before calling it.',
        job: {
          ...detail.job,
          status: 'succeeded',
          fineTunedModel: 'ft:gpt-4o-mini:org:support:abc',
          trainedTokens: 123456,
          resultFiles: ['file-result'],
          finishedAt: 1_700_000_600,
        },
        checkpoints: [
          { id: 'c2', createdAt: 0, step: 20, model: 'ft:x:ckpt-step-20', metrics: { step: 20, trainLoss: 0.5 } },
          { id: 'c1', createdAt: 0, step: 10, model: 'ft:x:ckpt-step-10', metrics: { step: 10, validLoss: 0.75 } },
        ],
      },
      10,
    );
    assert.equal(cell(view, 'Job', 'Fine-tuned model'), 'ft:gpt-4o-mini:org:support:abc');
    assert.equal(cell(view, 'Job', 'Trained tokens'), '123,456');
    assert.equal(cell(view, 'Files', 'Result file'), 'file-result');
    assert.match(text(view.querySelector('.deployment')), /Azure management API/);
    const rows = [...view.querySelectorAll('table[aria-label="Checkpoints"] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => text(td)),
    );
    assert.deepEqual(rows, [
      ['10', 'ft:x:ckpt-step-10', '—', '0.7500', '—'],
      ['20', 'ft:x:ckpt-step-20', '0.5000', '—', '—'],
    ]);
    assert.ok(view.querySelector('.status-succeeded'));
  });

  it('shows no deployment note before there is a fine-tuned model', () => {
    const view = detailView({ ...baseDetail(), deploymentNote: 'Deploy it first.' }, undefined);
    assert.equal(view.querySelector('.deployment'), null);
    assert.equal(cell(view, 'Job', 'Progress'), '');
  });

  it('shows the error code, message and parameter verbatim, as text', () => {
    const detail = baseDetail();
    const message = 'Line 3: <img src=x onerror=alert(1)> has   "extra" spaces';
    const view = detailView(
      {
        ...detail,
        statusLabel: 'Failed',
        unfinished: false,
        job: { ...detail.job, status: 'failed', error: { code: 'invalid_file', message, param: 'training_file' } },
      },
      undefined,
    );
    const error = view.querySelector('.job-error');
    assert.equal(error?.getAttribute('role'), 'alert');
    assert.equal(error?.querySelector('img'), null, 'never parsed as HTML');
    const cells = [...(error?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    assert.deepEqual(cells, ['invalid_file', message, 'training_file']);
  });

  it('shows the overfitting warning with the best checkpoint model, and a notice', () => {
    const view = detailView(
      {
        ...baseDetail(),
        notice: 'Could not refresh the job: 503',
        warning: {
          lowestStep: 20,
          latestStep: 40,
          validLossLowest: 1,
          validLossNow: 1.2,
          trainLossThen: 1,
          trainLossNow: 0.5,
          bestCheckpoint: { id: 'c', step: 20, model: 'ft:x:ckpt-step-20', validLoss: 1.1, lossKind: 'valid loss' },
          message: 'Possible overfitting: validation loss has risen 20% since step 20. Best: ft:x:ckpt-step-20.',
        },
      },
      40,
    );
    const warning = view.querySelector('.overfit');
    assert.equal(warning?.getAttribute('role'), 'alert');
    assert.equal(
      text(warning),
      'Possible overfitting: validation loss has risen 20% since step 20. Best: ft:x:ckpt-step-20.',
    );
    assert.equal(warning?.querySelector('.codicon')?.getAttribute('aria-hidden'), 'true');
    assert.equal(text(view.querySelector('.notice[role="status"]')), 'Could not refresh the job: 503');
  });

  it('keeps an unknown status as sent, and out of class names', () => {
    const detail = baseDetail();
    const view = detailView(
      { ...detail, statusLabel: 'warming up"x', job: { ...detail.job, status: 'warming up"x' } },
      1,
    );
    assert.equal(cell(view, 'Job', 'Status'), 'warming up"x');
    assert.ok(view.querySelector('.status-warming_up_x'));
  });

  it('keeps unchanged sections when the job is sent again, so its alerts are not announced again', () => {
    const detail: JobDetail = {
      ...baseDetail(),
      warning: {
        lowestStep: 2,
        latestStep: 9,
        validLossLowest: 1,
        validLossNow: 2,
        trainLossThen: 1,
        trainLossNow: 0.5,
        message: 'Possible overfitting.',
      },
    };
    const area = document.createElement('div');
    area.append(document.createElement('progress'));
    patchChildren(area, [...detailView(detail, 4).children]);
    const warning = area.querySelector('.overfit');
    const summary = area.querySelector('table[aria-label="Job"]');
    assert.ok(warning && summary);
    assert.equal(area.querySelector('progress'), null);
    patchChildren(area, [...detailView(detail, 4).children]);
    assert.equal(area.querySelector('.overfit'), warning, 'same node: nothing changed');
    assert.equal(area.querySelector('table[aria-label="Job"]'), summary);
    patchChildren(area, [...detailView(detail, 5).children]);
    assert.equal(area.querySelector('.overfit'), warning, 'the warning stays while the progress moves');
    assert.notEqual(area.querySelector('table[aria-label="Job"]'), summary);
    assert.equal(cell(area, 'Job', 'Progress'), 'step 5 of 10');
    patchChildren(area, [...detailView({ ...detail, warning: undefined }, 5).children]);
    assert.equal(area.querySelector('.overfit'), null);
    assert.equal(area.children.length, [...detailView({ ...detail, warning: undefined }, 5).children].length);
  });

  describe('data table', () => {
    it('has a column per reported metric and a row per step', () => {
      const points = [
        { step: 1, trainLoss: 2, trainMeanTokenAccuracy: 0.5 },
        { step: 2, trainLoss: 1.5, validLoss: 1.75 },
      ];
      assert.deepEqual(
        reportedSeries(points).map((s) => s.field),
        ['trainLoss', 'validLoss', 'trainMeanTokenAccuracy'],
      );
      const table = metricsTable(points);
      assert.equal(text(table.querySelector('caption')), 'Training metrics by step (2 steps)');
      assert.deepEqual(
        [...table.querySelectorAll('thead th')].map((th) => text(th)),
        ['Step', 'Train loss', 'Valid loss', 'Train token accuracy'],
      );
      assert.deepEqual(
        [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => text(c))),
        [
          ['1', '2.0000', '', '0.5000'],
          ['2', '1.5000', '1.7500', ''],
        ],
      );
      assert.equal(table.querySelector('tbody th')?.getAttribute('scope'), 'row');
    });

    it('says when there are no metrics yet', () => {
      assert.equal(text(metricsTable([])), 'No metrics yet.');
    });
  });
});
