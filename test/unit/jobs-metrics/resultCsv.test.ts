import * as assert from 'node:assert/strict';
import { parseResultCsv } from '../../../src/core/jobs/resultCsv';

describe('result CSV', () => {
  it('reads the API header, mapping train_accuracy to train token accuracy, empty cells left out', () => {
    const csv =
      'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n' +
      '1,2.5,0.4,,\n' +
      '2,2.1,0.5,2.3,0.45\n';
    assert.deepEqual(parseResultCsv(csv), {
      ok: true,
      skippedRows: 0,
      metrics: [
        { step: 1, trainLoss: 2.5, trainMeanTokenAccuracy: 0.4 },
        { step: 2, trainLoss: 2.1, trainMeanTokenAccuracy: 0.5, validLoss: 2.3, validMeanTokenAccuracy: 0.45 },
      ],
    });
  });

  it('tolerates other columns, any column order, a BOM, CRLF, and full validation columns', () => {
    const csv =
      '\uFEFFelapsed,Step,full_valid_loss,train_loss,full_valid_mean_token_accuracy\r\n' + '9.5,3,1.25,1.5,0.7\r\n';
    const result = parseResultCsv(csv);
    assert.ok(result.ok);
    assert.deepEqual(result.metrics, [
      { step: 3, fullValidLoss: 1.25, trainLoss: 1.5, fullValidMeanTokenAccuracy: 0.7 },
    ]);
  });

  it('skips rows without a whole step, keeps the later of a repeated step, sorts by step, and ignores nan', () => {
    const csv = 'step,train_loss\n5,1\nx,2\n-1,3\n2.5,4\n2,nan\n5,0.5\n';
    const result = parseResultCsv(csv);
    assert.ok(result.ok);
    assert.equal(result.skippedRows, 3);
    assert.deepEqual(result.metrics, [{ step: 2 }, { step: 5, trainLoss: 0.5 }]);
  });

  it('says why a file is not a metrics CSV, never throwing', () => {
    assert.deepEqual(parseResultCsv(''), { ok: false, message: 'The result file is empty.' });
    const noStep = parseResultCsv('loss\n1\n');
    assert.ok(!noStep.ok && /no "step" column/.test(noStep.message));
    const broken = parseResultCsv('step,train_loss\n1,"2\n');
    assert.ok(!broken.ok && /not a readable CSV/.test(broken.message), JSON.stringify(broken));
  });

  it('reads a thousand-step file', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i + 1},${(2 / (i + 1)).toFixed(4)},0.5,,`);
    const result = parseResultCsv(
      ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy', ...rows].join('\n'),
    );
    assert.ok(result.ok);
    assert.equal(result.metrics.length, 1000);
    assert.equal(result.metrics[999]!.step, 1000);
  });
});
