import * as assert from 'node:assert/strict';
import { chatParams } from '../../../webview/playground/conversationRequests';
import {
  initialState,
  isBusy,
  reduce,
  restoreState,
  streamingReply,
  type Action,
  type PlaygroundState,
} from '../../../webview/playground/state';

const apply = (state: PlaygroundState, ...actions: Action[]) => actions.reduce(reduce, state);
const withModel = () => apply(initialState(), { type: 'setModel', column: 1, connectionId: 'sim', model: 'sim-chat' });

describe('playground state', () => {
  it('adds columns like the last one (model and parameters) with their own empty conversation, at most four', () => {
    let state = apply(
      withModel(),
      { type: 'setParameters', column: 1, parameters: { temperature: 0.5, stop: ['END'] } },
      { type: 'send', text: 'hi' },
      { type: 'end', column: 1, end: { ended: 'done', finishReason: 'stop' }, metrics: {} },
      { type: 'addColumn' },
    );
    const [first, second] = state.columns;
    assert.equal(second?.model, 'sim-chat');
    assert.equal(second?.connectionId, 'sim');
    assert.deepEqual(second?.parameters, first?.parameters);
    assert.notEqual(second?.parameters.stop, first?.parameters.stop);
    assert.deepEqual(second?.messages, []);
    assert.equal(first?.messages.length, 2);
    state = apply(state, { type: 'addColumn' }, { type: 'addColumn' }, { type: 'addColumn' });
    assert.equal(state.columns.length, 4);
    assert.deepEqual(
      state.columns.map((c) => c.id),
      [1, 2, 3, 4],
    );
  });

  it('removes a column but never the last one', () => {
    let state = apply(withModel(), { type: 'addColumn' }, { type: 'removeColumn', column: 1 });
    assert.deepEqual(
      state.columns.map((c) => c.id),
      [2],
    );
    state = reduce(state, { type: 'removeColumn', column: 2 });
    assert.equal(state.columns.length, 1);
  });

  it('sends one message to every column that has a model, each with its own conversation', () => {
    const state = apply(
      withModel(),
      { type: 'addColumn' },
      { type: 'addColumn' },
      { type: 'setModel', column: 3, connectionId: 'sim', model: ' ' },
      { type: 'setDraft', text: 'hello' },
      { type: 'send', text: 'hello' },
    );
    assert.equal(state.draft, '');
    assert.ok(streamingReply(state.columns[0]!));
    assert.ok(streamingReply(state.columns[1]!));
    assert.equal(state.columns[2]?.messages.length, 0, 'a column without a model gets nothing');
    assert.ok(isBusy(state));
    assert.equal(reduce(state, { type: 'send', text: 'again' }), state, 'no new message while replies arrive');
  });

  it('ignores blank messages', () => {
    const state = withModel();
    assert.equal(reduce(state, { type: 'send', text: '  \n' }), state);
  });

  it('appends deltas, usage and notices to the streaming reply and ends it by how it ended', () => {
    const sent = apply(
      withModel(),
      { type: 'addColumn' },
      { type: 'addColumn' },
      { type: 'addColumn' },
      { type: 'send', text: 'q' },
    );
    const state = apply(
      sent,
      { type: 'delta', column: 1, text: 'Hel' },
      { type: 'delta', column: 1, text: 'lo' },
      { type: 'usage', column: 1, usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
      { type: 'notice', column: 1, text: 'dropped seed' },
      { type: 'end', column: 1, end: { ended: 'done', finishReason: 'stop' }, metrics: { ttftMs: 5 } },
      { type: 'end', column: 2, end: { ended: 'done' }, metrics: {} },
      { type: 'end', column: 3, end: { ended: 'stalled', afterMs: 30_000 }, metrics: {} },
      { type: 'end', column: 4, end: { ended: 'aborted' }, metrics: {} },
      { type: 'delta', column: 1, text: ' late' },
    );
    const replies = state.columns.map((c) => {
      const last = c.messages.at(-1);
      return last?.role === 'assistant' ? last.reply : undefined;
    });
    assert.deepEqual(replies[0], {
      text: 'Hello',
      status: 'done',
      finishReason: 'stop',
      notices: ['dropped seed'],
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
      metrics: { ttftMs: 5 },
    });
    assert.equal(replies[1]?.status, 'incomplete', 'no finish reason: incomplete');
    assert.equal(replies[2]?.status, 'stalled');
    assert.match(replies[2]?.notices[0] ?? '', /No data for 30 s/);
    assert.equal(replies[3]?.status, 'stopped');
    assert.ok(!isBusy(state));
  });

  it('shows an error inline and retries the same reply with the same conversation', () => {
    let state = apply(withModel(), { type: 'send', text: 'q' }, { type: 'fail', column: 1, message: 'Key rejected' });
    const failed = state.columns[0]!.messages.at(-1);
    assert.deepEqual(failed, {
      role: 'assistant',
      reply: { text: '', status: 'error', error: 'Key rejected', notices: [] },
    });
    state = reduce(state, { type: 'retry', column: 1 });
    assert.equal(state.columns[0]!.messages.length, 2);
    assert.equal(streamingReply(state.columns[0]!)?.text, '');
    assert.deepEqual(chatParams(state.columns[0]!).turns, [{ role: 'user', content: 'q' }]);
  });

  it('builds the request from the conversation before the pending reply, leaving out failed replies', () => {
    const state = apply(
      withModel(),
      { type: 'setParameters', column: 1, parameters: { systemPrompt: 'Be brief', maxTokens: 10, stop: ['\n'] } },
      { type: 'send', text: 'one' },
      { type: 'delta', column: 1, text: 'answer one' },
      { type: 'end', column: 1, end: { ended: 'done', finishReason: 'stop' }, metrics: {} },
      { type: 'send', text: 'two' },
      { type: 'fail', column: 1, message: 'boom' },
      { type: 'send', text: 'three' },
    );
    const params = chatParams(state.columns[0]!);
    assert.equal(params.model, 'sim-chat');
    assert.equal(params.connectionId, 'sim');
    assert.equal(params.systemPrompt, 'Be brief');
    assert.deepEqual(params.turns, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'answer one' },
      { role: 'user', content: 'two' },
      { role: 'user', content: 'three' },
    ]);
    assert.equal(params.parameters.maxTokens, 10);
    assert.deepEqual(params.parameters.stop, ['\n']);
    assert.equal(params.parameters.temperature, undefined);
  });

  it('restores a saved state (through JSON) with replies that were streaming marked stopped', () => {
    const state = apply(withModel(), { type: 'send', text: 'q' }, { type: 'delta', column: 1, text: 'part' });
    const restored = restoreState(JSON.parse(JSON.stringify(state)));
    const last = restored.columns[0]!.messages.at(-1);
    assert.deepEqual(last, { role: 'assistant', reply: { text: 'part', status: 'stopped', notices: [] } });
    assert.ok(!isBusy(restored));
    assert.deepEqual(restoreState(undefined), initialState());
    assert.deepEqual(restoreState({ version: 2 }), initialState());
  });
});
