import * as assert from 'node:assert/strict';
import type {
  ConnectionModels,
  PlaygroundHostEvents,
  PlaygroundRequests,
  ReplyChunk,
} from '../../../src/protocol/playground';
import type { HostClient } from '../../../webview/shared/hostClient';
import { CoalescedSave } from '../../../webview/playground/coalescedSave';
import { modelLabelIn, withStreaming } from '../../../webview/playground/connectionList';
import { streamReply, type ReplyStreamEvents } from '../../../webview/playground/replyStream';

function connection(connectionId: string, connectionName: string, nonStreaming: string[] = []): ConnectionModels {
  return { connectionId, connectionName, models: ['sim-chat'], nonStreaming, shutdowns: {} };
}

/** A host whose chat request sends the given chunks, then ends or fails as told. */
function fakeHost(chunks: ReplyChunk[], outcome: { end?: unknown; error?: Error }) {
  return {
    request: (_method: string, _params: unknown, options?: { onChunk?: (chunk: ReplyChunk) => void }) => {
      for (const chunk of chunks) options?.onChunk?.(chunk);
      return outcome.error ? Promise.reject(outcome.error) : Promise.resolve(outcome.end);
    },
    on: () => undefined,
  } as unknown as HostClient<PlaygroundRequests, PlaygroundHostEvents>;
}

function recorder() {
  const seen: string[] = [];
  const events: ReplyStreamEvents = {
    text: (text) => seen.push(`text:${text}`),
    usage: (usage) => seen.push(`usage:${usage.completionTokens}`),
    notice: (text) => seen.push(`notice:${text}`),
  };
  return { seen, events };
}

const params = { connectionId: 'c', model: 'sim-chat', mode: 'chat', messages: [], parameters: {} } as never;

describe('playground page parts', () => {
  it('streamReply passes the chunks on in order and ends with the timings', async () => {
    const { seen, events } = recorder();
    const host = fakeHost(
      [
        { type: 'delta', text: 'Hel' },
        { type: 'delta', text: 'lo' },
        { type: 'notice', text: 'Retried without seed' },
        { type: 'usage', promptTokens: 3, completionTokens: 2, totalTokens: 5 },
      ] as ReplyChunk[],
      { end: { ended: 'finished', finishReason: 'stop' } },
    );
    const outcome = await streamReply(host, params, new AbortController().signal, events);
    assert.deepEqual(seen, ['text:Hel', 'text:lo', 'notice:Retried without seed', 'usage:2']);
    assert.equal(outcome.type, 'end');
    if (outcome.type !== 'end') return;
    assert.deepEqual(outcome.end, { ended: 'finished', finishReason: 'stop' });
    assert.ok(outcome.metrics.ttftMs !== undefined && outcome.metrics.ttftMs >= 0);
  });

  it('streamReply turns a stop into an aborted end and any other error into a failure with its message', async () => {
    const stopped = new AbortController();
    stopped.abort();
    const aborted = await streamReply(
      fakeHost([], { error: new Error('The operation was aborted') }),
      params,
      stopped.signal,
      recorder().events,
    );
    assert.deepEqual(aborted.type === 'end' && aborted.end, { ended: 'aborted' });
    const failed = await streamReply(
      fakeHost([{ type: 'delta', text: 'x' }] as ReplyChunk[], { error: new Error('429: quota exceeded') }),
      params,
      new AbortController().signal,
      recorder().events,
    );
    assert.deepEqual(failed, { type: 'fail', message: '429: quota exceeded' });
  });

  it('CoalescedSave saves once for many requests, and at once when told', async () => {
    let saves = 0;
    const save = new CoalescedSave(() => saves++, 20);
    save.request();
    save.request();
    save.request();
    assert.equal(saves, 0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(saves, 1);
    save.request();
    save.now();
    assert.equal(saves, 2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(saves, 2, 'the waiting save was not needed any more');
  });

  it('names a model with its connection only when several are listed, and switches streaming per model', () => {
    const one = [connection('a', 'Local')];
    const two = [connection('a', 'Local'), connection('b', 'Azure')];
    assert.equal(modelLabelIn(one, 'a/sim-chat'), 'sim-chat');
    assert.equal(modelLabelIn(two, 'b/ft:sim-chat:x'), 'ft:sim-chat:x (Azure)');
    assert.equal(modelLabelIn(two, 'gone/m'), 'm (gone)');
    const off = withStreaming(two, 'b', 'sim-chat', false);
    assert.deepEqual(off[1]!.nonStreaming, ['sim-chat']);
    assert.equal(off[0], two[0], 'other connections are the same objects');
    assert.deepEqual(withStreaming(off, 'b', 'sim-chat', true)[1]!.nonStreaming, []);
  });
});
