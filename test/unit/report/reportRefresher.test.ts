import * as assert from 'node:assert/strict';
import type { DatasetReport } from '../../../src/core/report/datasetReport';
import { ReportRefresher } from '../../../src/report/reportRefresher';

const reportFor = (model: string) => ({ model }) as DatasetReport;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A refresher whose computations the test finishes, in any order, recording what the panel would show. */
function refresherWithControlledRuns() {
  const shown: string[] = [];
  const pending = new Map<
    string,
    { resolve: (report: DatasetReport | undefined) => void; reject: (e: Error) => void }
  >();
  const refresher = new ReportRefresher(
    (model) => new Promise((resolve, reject) => pending.set(model, { resolve, reject })),
    { report: (report) => shown.push(`report ${report.model}`), failed: (message) => shown.push(`failed: ${message}`) },
  );
  return { refresher, shown, run: (model: string) => pending.get(model)! };
}

describe('ReportRefresher (what the report panel shows)', () => {
  it('shows the latest model’s report when the earlier model’s run finishes last', async () => {
    const { refresher, shown, run } = refresherWithControlledRuns();

    refresher.refresh('gpt-4o-mini');
    refresher.refresh('gpt-4.1');
    run('gpt-4.1').resolve(reportFor('gpt-4.1'));
    await settle();
    run('gpt-4o-mini').resolve(reportFor('gpt-4o-mini'));
    await settle();

    assert.deepEqual(shown, ['report gpt-4.1']);
  });

  it('shows nothing, not a failure, when the document changed during the computation', async () => {
    const { refresher, shown, run } = refresherWithControlledRuns();

    refresher.refresh('gpt-4.1');
    run('gpt-4.1').resolve(undefined);
    await settle();

    assert.deepEqual(shown, []);
  });

  it('shows a real failure, and nothing once disposed', async () => {
    const { refresher, shown, run } = refresherWithControlledRuns();

    refresher.refresh('a');
    run('a').reject(new Error('data.jsonl was closed'));
    await settle();
    refresher.refresh('b');
    refresher.dispose();
    run('b').resolve(reportFor('b'));
    await settle();

    assert.deepEqual(shown, ['failed: data.jsonl was closed']);
  });
});
