import * as assert from 'node:assert/strict';
import type { JobCheckpoint, JobEvent, StepMetrics } from '../../../src/core/jobs/job';
import {
  bestCheckpoint,
  chartColumns,
  mergeMetrics,
  METRIC_SERIES,
  metricsFromEvents,
  overfittingWarning,
  stepMetricsFromEvent,
  totalSteps,
} from '../../../src/core/jobs/metrics';

function metricsEvent(id: number, data: unknown): JobEvent {
  return {
    id: `ftevent-${id}`,
    createdAt: 1_700_000_000 + id,
    level: 'info',
    message: `Step ${id}`,
    type: 'metrics',
    data,
  };
}

function checkpoint(step: number, metrics: Omit<StepMetrics, 'step'>): JobCheckpoint {
  return { id: `ftckpt-${step}`, createdAt: 0, step, model: `ft:sim:ckpt-step-${step}`, metrics: { step, ...metrics } };
}

/** Train loss falls throughout; valid loss falls until `turn`, then rises (or keeps falling without a turn). */
function trainingRun(steps: number, turn?: number): StepMetrics[] {
  return Array.from({ length: steps }, (_, i) => {
    const step = i + 1;
    const wobble = step % 2 === 0 ? 0.03 : -0.03;
    const valid = turn === undefined || step <= turn ? 2 - step * 0.05 : 2 - turn * 0.05 + (step - turn) * 0.04;
    return { step, trainLoss: 2.2 - step * 0.06 + wobble, validLoss: valid - wobble };
  });
}

describe('job metrics', () => {
  describe('from events', () => {
    it('reads every metric of a metrics event, and total_steps', () => {
      const event = metricsEvent(7, {
        step: 7,
        train_loss: 1.5,
        valid_loss: 1.7,
        full_valid_loss: 1.6,
        train_mean_token_accuracy: 0.6,
        valid_mean_token_accuracy: 0.55,
        full_valid_mean_token_accuracy: 0.56,
        total_steps: 30,
      });
      assert.deepEqual(stepMetricsFromEvent(event), {
        step: 7,
        trainLoss: 1.5,
        validLoss: 1.7,
        fullValidLoss: 1.6,
        trainMeanTokenAccuracy: 0.6,
        validMeanTokenAccuracy: 0.55,
        fullValidMeanTokenAccuracy: 0.56,
        totalSteps: 30,
      });
    });

    it('ignores message events, bad data and values that are not finite numbers, never throwing', () => {
      const ignored: unknown[] = [
        undefined,
        null,
        'step 3',
        [3],
        { train_loss: 1 },
        { step: -1, train_loss: 1 },
        { step: 1.5, train_loss: 1 },
        { step: '3', train_loss: 1 },
        { step: 3 },
        { step: 3, total_steps: 9 },
        { step: 3, train_loss: 'NaN', valid_loss: null },
      ];
      for (const data of ignored)
        assert.equal(stepMetricsFromEvent(metricsEvent(1, data)), undefined, JSON.stringify(data));
      assert.deepEqual(stepMetricsFromEvent(metricsEvent(1, { step: 3, train_loss: 1, valid_loss: Infinity, x: 2 })), {
        step: 3,
        trainLoss: 1,
      });
      const plain: JobEvent = { id: 'e', createdAt: 0, level: 'info', message: 'Job started', type: 'message' };
      assert.equal(stepMetricsFromEvent(plain), undefined);
    });

    it('orders the metrics of events that come newest first by step', () => {
      const events = [3, 2, 1].map((step) => metricsEvent(step, { step, train_loss: step / 10 }));
      assert.deepEqual(
        metricsFromEvents(events).map((m) => m.step),
        [1, 2, 3],
      );
    });
  });

  describe('merge', () => {
    it('merges by step: the first list wins a field both have, later lists fill gaps', () => {
      const csv: StepMetrics[] = [
        { step: 2, trainLoss: 1.0 },
        { step: 1, trainLoss: 1.5 },
      ];
      const events: StepMetrics[] = [
        { step: 1, trainLoss: 9, fullValidLoss: 1.4, totalSteps: 3 },
        { step: 3, trainLoss: 0.8 },
      ];
      assert.deepEqual(mergeMetrics(csv, events), [
        { step: 1, trainLoss: 1.5, fullValidLoss: 1.4, totalSteps: 3 },
        { step: 2, trainLoss: 1.0 },
        { step: 3, trainLoss: 0.8 },
      ]);
      assert.equal(totalSteps(mergeMetrics(csv, events)), 3);
      assert.equal(totalSteps(csv), undefined);
    });

    it('does not change its inputs', () => {
      const first: StepMetrics[] = [{ step: 1, trainLoss: 1 }];
      const second: StepMetrics[] = [{ step: 1, validLoss: 2 }];
      mergeMetrics(first, second);
      assert.deepEqual(first, [{ step: 1, trainLoss: 1 }]);
      assert.deepEqual(second, [{ step: 1, validLoss: 2 }]);
    });
  });

  it('gives the chart one column per series, null where a step lacks the metric', () => {
    const columns = chartColumns([
      { step: 1, trainLoss: 2, trainMeanTokenAccuracy: 0.5 },
      { step: 2, trainLoss: 1.5, validLoss: 1.8 },
    ]);
    assert.equal(columns.length, METRIC_SERIES.length + 1);
    assert.deepEqual(columns[0], [1, 2]);
    assert.deepEqual(columns[1 + METRIC_SERIES.findIndex((s) => s.field === 'trainLoss')], [2, 1.5]);
    assert.deepEqual(columns[1 + METRIC_SERIES.findIndex((s) => s.field === 'validLoss')], [null, 1.8]);
    assert.deepEqual(columns[1 + METRIC_SERIES.findIndex((s) => s.field === 'trainMeanTokenAccuracy')], [0.5, null]);
  });

  describe('best checkpoint', () => {
    it('is the lowest full valid loss when every checkpoint has one', () => {
      const best = bestCheckpoint([
        checkpoint(10, { validLoss: 0.5, fullValidLoss: 0.9 }),
        checkpoint(20, { validLoss: 0.9, fullValidLoss: 0.7 }),
        checkpoint(30, { validLoss: 0.4, fullValidLoss: 0.8 }),
      ]);
      assert.deepEqual(best, {
        id: 'ftckpt-20',
        step: 20,
        model: 'ft:sim:ckpt-step-20',
        validLoss: 0.7,
        lossKind: 'full valid loss',
      });
    });

    it('compares valid loss when some checkpoint lacks a full valid loss', () => {
      const best = bestCheckpoint([
        checkpoint(10, { validLoss: 0.5, fullValidLoss: 0.1 }),
        checkpoint(20, { validLoss: 0.3 }),
        checkpoint(30, { trainLoss: 0.1 }),
      ]);
      assert.equal(best?.step, 20);
      assert.equal(best?.lossKind, 'valid loss');
    });

    it('is undefined without checkpoints that report validation', () => {
      assert.equal(bestCheckpoint([]), undefined);
      assert.equal(bestCheckpoint([checkpoint(10, { trainLoss: 0.2 })]), undefined);
    });
  });

  describe('overfitting warning', () => {
    it('warns when smoothed valid loss rises while train loss falls, naming the best checkpoint', () => {
      const checkpoints = [
        checkpoint(10, { validLoss: 1.55 }),
        checkpoint(20, { validLoss: 1.1 }),
        checkpoint(30, { validLoss: 1.3 }),
      ];
      const warning = overfittingWarning(trainingRun(40, 20), checkpoints);
      assert.ok(warning);
      assert.ok(warning.lowestStep >= 18 && warning.lowestStep <= 24, `lowest at ${warning.lowestStep}`);
      assert.equal(warning.latestStep, 40);
      assert.ok(warning.validLossNow > warning.validLossLowest);
      assert.ok(warning.trainLossNow < warning.trainLossThen);
      assert.equal(warning.bestCheckpoint?.step, 20);
      assert.match(warning.message, /validation loss has risen \d+% since step \d+ while training loss kept falling/);
      assert.match(warning.message, /best checkpoint is step 20 \(valid loss 1\.100\): ft:sim:ckpt-step-20/);
    });

    it('says so when no checkpoint has validation metrics', () => {
      const warning = overfittingWarning(trainingRun(40, 20), []);
      assert.match(warning?.message ?? '', /No checkpoint reports a validation loss yet/);
    });

    it('stays quiet while both losses fall, without validation data, or with too few points', () => {
      assert.equal(overfittingWarning(trainingRun(40)), undefined);
      assert.equal(overfittingWarning(trainingRun(40).map(({ step, trainLoss }) => ({ step, trainLoss }))), undefined);
      assert.equal(overfittingWarning(trainingRun(8, 3)), undefined);
      assert.equal(overfittingWarning([]), undefined);
    });

    it('ignores one noisy batch: the rise must outlast the smoothing window', () => {
      const run = trainingRun(40);
      run[38] = { ...run[38]!, validLoss: 5 };
      assert.equal(overfittingWarning(run), undefined, 'a spike near the end is not a trend');
      run[38] = { ...run[38], validLoss: run[37]!.validLoss };
      run[20] = { ...run[20]!, validLoss: 9 };
      assert.equal(overfittingWarning(run), undefined, 'a spike in the middle is not a trend');
    });

    it('stays quiet when valid loss rises but train loss rises too (a learning rate too high, not overfitting)', () => {
      const run = trainingRun(40, 20).map((m) => ({ ...m, trainLoss: 1 + m.step * 0.01 }));
      assert.equal(overfittingWarning(run), undefined);
    });

    it('falls back to full valid loss when no step has a per-batch valid loss', () => {
      const run = trainingRun(40, 20).map(({ step, trainLoss, validLoss }) => ({
        step,
        trainLoss,
        fullValidLoss: validLoss,
      }));
      assert.ok(overfittingWarning(run));
    });

    it('needs the rise to be larger than the threshold', () => {
      const flat = trainingRun(40, 20).map((m) => (m.step > 20 ? { ...m, validLoss: 1.0 + (m.step - 20) * 0.001 } : m));
      assert.equal(overfittingWarning(flat), undefined);
      assert.ok(overfittingWarning(flat, [], { window: 5, minRelativeRise: 0.001 }));
    });
  });
});
