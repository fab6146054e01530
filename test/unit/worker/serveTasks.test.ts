import * as assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { CurationReport } from '../../../src/core/curate/report';
import type { FromWorkerMessage, TaskHandlerTable, TaskRequest } from '../../../src/core/worker/taskProtocol';
import { serveTasks, throttleProgress } from '../../../src/core/worker/taskWorker';

const emptyReport: CurationReport = {
  read: 0,
  written: 0,
  skipped: [],
  skippedCount: 0,
  warnings: [],
  warningCount: 0,
  outputs: [],
};
const shuffleTask: TaskRequest = { kind: 'shuffle', input: 'in.jsonl', output: 'out.jsonl', seed: 1 };

/** Handlers that fail loudly unless a test replaces one. */
function handlers(overrides: Partial<TaskHandlerTable>): TaskHandlerTable {
  const unexpected = () => Promise.reject(new Error('unexpected handler'));
  return {
    split: unexpected,
    dedupe: unexpected,
    sample: unexpected,
    shuffle: unexpected,
    merge: unexpected,
    dropOverLimit: unexpected,
    ...overrides,
  } as TaskHandlerTable;
}

/** Collects the worker's messages until the port closes. */
function messagesUntilClosed(port: MessagePort): Promise<FromWorkerMessage[]> {
  const messages: FromWorkerMessage[] = [];
  return new Promise((resolve) => {
    port.on('message', (message: FromWorkerMessage) => messages.push(message));
    port.on('close', () => resolve(messages));
  });
}

describe('serveTasks', () => {
  it('runs the handler for the task kind, passes progress on and ends with the result', async () => {
    const { port1: worker, port2: host } = new MessageChannel();
    let received: TaskRequest | undefined;
    serveTasks(
      worker,
      handlers({
        shuffle: (task, { onProgress }) => {
          received = task;
          onProgress(5, 10);
          return Promise.resolve(emptyReport);
        },
      }),
    );
    const messages = messagesUntilClosed(host);
    host.postMessage({ type: 'run', task: shuffleTask });

    assert.deepEqual(await messages, [
      { type: 'progress', done: 5, total: 10 },
      { type: 'result', result: emptyReport },
    ]);
    assert.deepEqual(received, shuffleTask);
  });

  it('aborts the signal on cancel and reports the abort as an error', async () => {
    const { port1: worker, port2: host } = new MessageChannel();
    serveTasks(
      worker,
      handlers({
        shuffle: (_task, { signal }) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
          }),
      }),
    );
    const messages = messagesUntilClosed(host);
    host.postMessage({ type: 'run', task: shuffleTask });
    host.postMessage({ type: 'cancel' });

    assert.deepEqual(await messages, [{ type: 'error', message: 'stopped', name: 'AbortError' }]);
  });

  it('answers an unknown kind with an error', async () => {
    const { port1: worker, port2: host } = new MessageChannel();
    serveTasks(worker, handlers({}));
    const messages = messagesUntilClosed(host);
    host.postMessage({ type: 'run', task: { kind: 'teleport' } });

    assert.deepEqual(await messages, [{ type: 'error', message: 'Unknown task kind: teleport', name: 'Error' }]);
  });
});

describe('throttleProgress', () => {
  it('passes the first call, then at most one per interval', () => {
    let clock = 0;
    const passed: number[] = [];
    const report = throttleProgress(
      (done) => passed.push(done),
      100,
      () => clock,
    );
    for (const [time, done] of [
      [0, 1],
      [50, 2],
      [99, 3],
      [100, 4],
      [150, 5],
      [250, 6],
      [251, 7],
    ] as const) {
      clock = time;
      report(done, 10);
    }
    assert.deepEqual(passed, [1, 4, 6]);
  });
});
