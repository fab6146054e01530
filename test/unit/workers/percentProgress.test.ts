import * as assert from 'node:assert/strict';
import { percentProgress, type ProgressStep } from '../../../src/workers/percentProgress';

describe('percentProgress', () => {
  it('passes only the growth, so the steps add up to the percent done, and never past 100', () => {
    const steps: ProgressStep[] = [];
    const onProgress = percentProgress((step) => steps.push(step));

    onProgress(0, 200);
    onProgress(50, 200);
    onProgress(25, 200); // a second pass starting over does not move the bar back
    onProgress(101, 200);
    onProgress(0, 0); // unknown total
    onProgress(300, 200);

    assert.deepEqual(steps, [
      { increment: 25, message: '25 %' },
      { increment: 25.5, message: '50 %' },
      { increment: 49.5, message: '100 %' },
    ]);
    assert.equal(
      steps.reduce((sum, step) => sum + step.increment, 0),
      100,
    );
  });
});
