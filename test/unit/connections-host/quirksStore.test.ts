import * as assert from 'node:assert/strict';
import { QuirksStore, type QuirksMemento } from '../../../src/connections/quirksStore';

/** An in-memory memento that, like VS Code's, stores a JSON copy. */
function memento(initial: Record<string, unknown> = {}): QuirksMemento & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key) => values.get(key),
    update: (key, value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    },
  };
}

describe('connections (VS Code side): server quirks kept per connection', () => {
  it('starts empty, and hands out one live object per connection', () => {
    const store = new QuirksStore(memento());
    const quirks = store.get('a');
    assert.deepEqual(quirks, { omittedParameters: [], nonStreamingModels: [] });
    assert.equal(store.get('a'), quirks);
    assert.notEqual(store.get('b'), quirks);
  });

  it('saves what a reply recorded and reads it back in a new session, dropping malformed parts', async () => {
    const storage = memento();
    const store = new QuirksStore(storage);
    store.get('a').omittedParameters.push('seed');
    await store.save('a');
    storage.values.set('fineTuneStudio.connectionQuirks.b', {
      omittedParameters: ['nope', 'stop'],
      nonStreamingModels: 3,
    });
    const next = new QuirksStore(storage);
    assert.deepEqual(next.get('a'), { omittedParameters: ['seed'], nonStreamingModels: [] });
    assert.deepEqual(next.get('b'), { omittedParameters: ['stop'], nonStreamingModels: [] });
  });

  it('switches streaming off and on per model, once each', async () => {
    const storage = memento();
    const store = new QuirksStore(storage);
    await store.setStreaming('a', 'm1', false);
    await store.setStreaming('a', 'm1', false);
    await store.setStreaming('a', 'm2', false);
    assert.deepEqual(store.get('a').nonStreamingModels, ['m1', 'm2']);
    await store.setStreaming('a', 'm1', true);
    assert.deepEqual(new QuirksStore(storage).get('a').nonStreamingModels, ['m2']);
  });

  it('forgets a removed connection, so the same id starts clean', async () => {
    const storage = memento();
    const store = new QuirksStore(storage);
    store.get('a').omittedParameters.push('stream_options');
    await store.save('a');
    await store.forget('a');
    assert.equal(storage.values.size, 0);
    assert.deepEqual(store.get('a'), { omittedParameters: [], nonStreamingModels: [] });
  });
});
