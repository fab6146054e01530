import * as assert from 'node:assert/strict';
import { checkWebviewMessage } from '../../../src/protocol/checkMessage';
import { evaluationProtocol, MAX_ROWS_PER_REQUEST } from '../../../src/protocol/evaluation';

const request = (method: string, params: unknown) => ({ type: 'request', id: 1, method, params });
const ok = (message: unknown) => checkWebviewMessage(message, evaluationProtocol).ok;

describe('evaluation protocol guards', () => {
  it('accepts every request in its exact shape', () => {
    assert.equal(ok(request('info', {})), true);
    assert.equal(ok(request('rows', { start: 0, count: MAX_ROWS_PER_REQUEST })), true);
    assert.equal(ok(request('judgeModels', { connection: 'openai' })), true);
    assert.equal(ok(request('judge', { connection: 'c', model: 'gpt-4o', rubric: 'Be fair.', a: 0, b: 1 })), true);
    assert.equal(ok(request('reviewNext', { a: 0, b: 1, from: -1 })), true);
    for (const choice of ['1', '2', 'tie', 'bothBad', 'skip'])
      assert.equal(ok(request('vote', { token: 3, choice })), true, choice);
    assert.equal(ok(request('saveChat', { position: 4, model: 0 })), true);
    assert.equal(ok(request('savePreference', { position: 4, preferred: 1, rejected: 0 })), true);
    assert.equal(ok(request('distil', { model: 2 })), true);
  });

  it('refuses extra keys, wrong types, out-of-range numbers and unknown methods', () => {
    assert.equal(ok(request('info', { extra: 1 })), false);
    assert.equal(ok(request('rows', { start: 0, count: MAX_ROWS_PER_REQUEST + 1 })), false);
    assert.equal(ok(request('rows', { start: -1, count: 10 })), false);
    assert.equal(ok(request('rows', { start: 0.5, count: 10 })), false);
    assert.equal(ok(request('judge', { connection: 'c', model: 'm', rubric: '   ', a: 0, b: 1 })), false);
    assert.equal(ok(request('judge', { connection: '', model: 'm', rubric: 'r', a: 0, b: 1 })), false);
    assert.equal(ok(request('judge', { connection: 'c', model: 'm', rubric: 'x'.repeat(20_001), a: 0, b: 1 })), false);
    assert.equal(ok(request('reviewNext', { a: 0, b: 1, from: -2 })), false);
    assert.equal(ok(request('vote', { token: 1, choice: '3' })), false);
    assert.equal(ok(request('vote', { token: 1, choice: 'tie', labels: ['a', 'b'] })), false);
    // The page never names a file: a path in a save is malformed.
    assert.equal(ok(request('saveChat', { position: 0, model: 0, path: '/etc/passwd' })), false);
    assert.equal(ok(request('distil', { model: '0' })), false);
    assert.equal(ok(request('deleteResults', {})), false);
  });

  it('accepts no events', () => {
    assert.equal(ok({ type: 'event', name: 'info', payload: {} }), false);
  });
});
