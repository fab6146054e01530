import * as assert from 'node:assert/strict';
import type { RunProgress } from '../../../src/core/batch/runBatch';
import {
  durationText,
  formatCount,
  outcomeMessage,
  progressMessage,
  progressPercent,
  settledPairs,
} from '../../../src/batch/progressText';

const base: RunProgress = {
  total: 200,
  done: 11,
  failed: 1,
  skipped: 0,
  inFlight: 4,
  promptTokens: 3000,
  completionTokens: 400,
  elapsedMs: 5000,
  etaMs: 60_000,
};

describe('batch runs (VS Code side): progress and outcome text', () => {
  it('groups counts by thousands whatever the locale', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(999), '999');
    assert.equal(formatCount(1000), '1,000');
    assert.equal(formatCount(1234567), '1,234,567');
  });

  it('says a remaining time in seconds, whole minutes rounded up, then hours and minutes', () => {
    assert.equal(durationText(0), '1 s');
    assert.equal(durationText(40_200), '41 s');
    assert.equal(durationText(59_000), '59 s');
    assert.equal(durationText(60_000), '1 min');
    assert.equal(durationText(61_000), '2 min');
    assert.equal(durationText(59 * 60_000), '59 min');
    assert.equal(durationText(60 * 60_000), '1 h');
    assert.equal(durationText(65 * 60_000), '1 h 5 min');
  });

  it('shows settled of total, failures, tokens and the ETA', () => {
    assert.equal(progressMessage(base), '12 / 200 · 1 failed · 3,400 tokens · ETA 1 min');
  });

  it('leaves out what is zero, names pairs answered before, and drops the ETA once everything settled', () => {
    assert.equal(
      progressMessage({ ...base, done: 0, failed: 0, promptTokens: 0, completionTokens: 0, etaMs: undefined }),
      '0 / 200',
    );
    assert.equal(
      progressMessage({ ...base, skipped: 50, failed: 0, etaMs: 40_000 }),
      '61 / 200 · 50 before · 3,400 tokens · ETA 40 s',
    );
    assert.equal(progressMessage({ ...base, done: 199, etaMs: 0 }), '200 / 200 · 1 failed · 3,400 tokens');
  });

  it('measures the bar in settled pairs, and at 0 % while the total is unknown', () => {
    assert.equal(settledPairs({ ...base, skipped: 8 }), 20);
    assert.equal(progressPercent({ ...base, skipped: 8 }), 10);
    assert.equal(progressPercent({ ...base, total: 0 }), 0);
    assert.equal(progressPercent({ ...base, done: 199 }), 100);
  });

  it('sums a finished run up in one sentence, and says how to ask failed pairs again', () => {
    const progress: RunProgress = { ...base, total: 40, done: 38, failed: 2, etaMs: 0 };
    assert.equal(
      outcomeMessage({ progress, prompts: 20, models: 2, outputName: 'data.results.jsonl', stopped: false }),
      'Batch run finished: 38 answered, 2 failed (20 prompts × 2 models) in data.results.jsonl. ' +
        'Run it again with the same results file to ask the failed pairs again.',
    );
    assert.equal(
      outcomeMessage({
        progress: { ...progress, done: 10, failed: 0, skipped: 30 },
        prompts: 1,
        models: 1,
        outputName: 'r.jsonl',
        stopped: false,
      }),
      'Batch run finished: 10 answered, 0 failed, 30 answered before (1 prompt × 1 model) in r.jsonl.',
    );
  });

  it('says a stopped run kept its results and how to resume', () => {
    assert.equal(
      outcomeMessage({
        progress: { ...base, done: 2, failed: 0 },
        prompts: 3,
        models: 2,
        outputName: 'p.results.jsonl',
        stopped: true,
      }),
      'Batch run stopped: 2 answered, 0 failed (3 prompts × 2 models). Every finished result is kept in ' +
        'p.results.jsonl; to resume, run “Fine-Tune: Run Batch…” again with the same results file.',
    );
  });
});
