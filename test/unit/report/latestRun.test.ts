import * as assert from 'node:assert/strict';
import { LatestRun } from '../../../src/core/report/latestRun';

/** A promise settled from outside, so a test decides the order in which runs finish. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const unexpected = (value: unknown): void => assert.fail(`unexpected ${String(value)}`);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LatestRun (report refreshes: only the latest run is shown)', () => {
  it('drops the result of an earlier run that finishes after a later one', async () => {
    const runs = new LatestRun();
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();

    runs.start(
      () => first.promise,
      (value) => shown.push(value),
      unexpected,
    );
    runs.start(
      () => second.promise,
      (value) => shown.push(value),
      unexpected,
    );
    second.resolve('report for gpt-4.1');
    await settle();
    first.resolve('report for gpt-4o-mini');
    await settle();

    assert.deepEqual(shown, ['report for gpt-4.1']);
  });

  it('drops the failure of a superseded run, and passes on the failure of the latest one', async () => {
    const runs = new LatestRun();
    const failures: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();

    runs.start(
      () => first.promise,
      unexpected,
      (error) => failures.push(String(error)),
    );
    runs.start(
      () => second.promise,
      unexpected,
      (error) => failures.push(String(error)),
    );
    first.reject(new Error('superseded'));
    second.reject(new Error('latest'));
    await settle();

    assert.deepEqual(failures, ['Error: latest']);
  });

  it('delivers nothing after cancel, and reports a run that throws at once as a failure', async () => {
    const runs = new LatestRun();
    const seen: string[] = [];
    const pending = deferred<string>();

    runs.start(
      () => pending.promise,
      (value) => seen.push(value),
      unexpected,
    );
    runs.cancel();
    pending.resolve('late');
    runs.start(
      () => {
        throw new Error('no tokenizer');
      },
      unexpected,
      (error) => seen.push(String(error)),
    );
    await settle();

    assert.deepEqual(seen, ['Error: no tokenizer']);
  });

  it('aborts the signal of the run it supersedes, and of the run in flight on cancel', () => {
    const runs = new LatestRun();
    const signals: AbortSignal[] = [];
    const keep = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<never>(() => {});
    };

    runs.start(keep, unexpected, unexpected);
    runs.start(keep, unexpected, unexpected);
    assert.deepEqual(
      signals.map((signal) => signal.aborted),
      [true, false],
    );
    runs.cancel();
    assert.equal(signals[1]?.aborted, true);
  });
});
