import * as assert from 'node:assert/strict';
import type { ConnectionModels } from '../../../src/protocol/playground';
import { withListedModels } from '../../../webview/playground/listedModels';
import { initialState, reduce, type PlaygroundState } from '../../../webview/playground/state';

const listed = (connectionId: string, ...models: string[]): ConnectionModels => ({
  connectionId,
  connectionName: connectionId,
  models,
  nonStreaming: [],
  shutdowns: {},
});
const chosen = (state: PlaygroundState) => state.columns.map((column) => [column.connectionId, column.model]);

describe('playground: models chosen when the list arrives', () => {
  it('pairs a fine-tuned model with its base on a first visit', () => {
    const state = withListedModels(initialState(), [
      listed('empty'),
      listed('sim', 'sim-chat', 'ft:sim-chat:studio::sim001', 'sim-completion'),
    ]);
    assert.deepEqual(chosen(state), [
      ['sim', 'sim-chat'],
      ['sim', 'ft:sim-chat:studio::sim001'],
    ]);
  });

  it('gives a first visit without a fine-tune the first model listed, skipping connections that list none', () => {
    const state = withListedModels(initialState(), [listed('empty'), listed('local', 'llama3', 'qwen2')]);
    assert.deepEqual(chosen(state), [['local', 'llama3']]);
  });

  it('keeps a column whose connection is still listed, even on a model the server does not list', () => {
    let state = reduce(initialState(), { type: 'setModel', column: 1, connectionId: 'local', model: 'my-typed-model' });
    state = reduce(state, { type: 'addColumn' });
    state = reduce(state, { type: 'setModel', column: 2, connectionId: 'removed', model: 'gpt-4o' });
    const next = withListedModels(state, [listed('sim', 'sim-chat', 'ft:sim-chat:studio::sim001'), listed('local')]);
    assert.deepEqual(chosen(next), [
      ['local', 'my-typed-model'],
      ['sim', 'sim-chat'],
    ]);
  });

  it('changes nothing when no connection lists a model', () => {
    const state = initialState();
    assert.equal(withListedModels(state, [listed('down')]), state);
    assert.equal(withListedModels(state, []), state);
  });
});
