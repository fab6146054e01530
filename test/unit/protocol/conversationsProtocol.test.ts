import * as assert from 'node:assert/strict';
import { checkWebviewMessage } from '../../../src/protocol/checkMessage';
import {
  conversationsProtocol,
  isExampleFilter,
  MAX_ROWS_PER_REQUEST,
  type ExampleFilter,
} from '../../../src/protocol/conversations';

const request = (method: string, params: unknown) => ({ type: 'request', id: 1, method, params });
const accepted = (message: unknown) => checkWebviewMessage(message, conversationsProtocol).ok;

describe('isExampleFilter', () => {
  it('accepts every field of its type, and a missing one', () => {
    const full: ExampleFilter = {
      text: 'x',
      regex: true,
      caseSensitive: false,
      problems: 'errors',
      codes: ['ft.json-syntax'],
      role: 'user',
      hasTools: true,
      hasImages: false,
      missingSystem: true,
      minTokens: 0,
      maxTokens: 4096,
      duplicates: false,
    };
    assert.equal(isExampleFilter(full), true);
    assert.equal(isExampleFilter({}), true);
    assert.equal(isExampleFilter({ text: undefined }), true);
  });

  it('refuses anything else', () => {
    const bad: unknown[] = [
      null,
      [],
      'text',
      new Date(),
      { unknown: 1 },
      { text: 1 },
      { text: 'x'.repeat(10_001) },
      { regex: 'yes' },
      { problems: 'warnings' },
      { codes: 'ft.json-syntax' },
      { codes: [1] },
      { codes: new Array<string>(3) },
      { codes: Array.from({ length: 201 }, () => 'ft.x') },
      { minTokens: -1 },
      { maxTokens: Number.POSITIVE_INFINITY },
      { maxTokens: Number.NaN },
      { duplicates: 1 },
    ];
    for (const value of bad) assert.equal(isExampleFilter(value), false, String(JSON.stringify(value)));
  });
});

describe('conversations protocol', () => {
  it('accepts each request the view sends', () => {
    const valid = [
      request('rows', { start: 0, count: MAX_ROWS_PER_REQUEST }),
      request('setFilter', { filter: { text: 'refund', problems: 'any' } }),
      request('findLine', { line: 99_999 }),
      request('nextProblem', { from: -1, direction: 1 }),
      request('nextProblem', { from: 12, direction: -1 }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setText', path: ['messages', 2, 'content'], text: 'Hi' } }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setWeight', message: ['messages', 2], weight: null } }),
      request('edit', {
        line: 3,
        version: 7,
        edit: { kind: 'moveMessage', list: ['input', 'messages'], from: 0, to: 2 },
      }),
      request('edit', {
        line: 3,
        version: 7,
        edit: { kind: 'setRole', message: ['messages', 0], role: 'user' },
        pages: [
          { start: 0, count: 40 },
          { start: 40, count: 40 },
        ],
      }),
      request('exampleAction', { line: 0, version: 1, action: 'openInPlayground' }),
      request('exportMatches', { target: 'split' }),
    ];
    for (const message of valid) assert.equal(accepted(message), true, JSON.stringify(message));
  });

  it('refuses malformed requests: too many rows, unknown edit kinds or actions, extra keys, bad paths', () => {
    const invalid = [
      request('rows', { start: 0, count: MAX_ROWS_PER_REQUEST + 1 }),
      request('rows', { start: -1, count: 5 }),
      request('nextProblem', { from: -2, direction: 1 }),
      request('nextProblem', { from: 0, direction: 0 }),
      request('edit', { line: 3, version: 7, edit: { kind: 'replaceLine', text: '{}' } }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setText', path: ['messages', -1], text: 'x' } }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setText', path: ['messages', 0], text: 'x', extra: 1 } }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setWeight', message: ['messages', 0], weight: 2 } }),
      request('edit', { line: 3, version: 7, edit: { kind: 'setText', path: Array(17).fill('a'), text: 'x' } }),
      request('edit', {
        line: 3,
        version: 7,
        edit: { kind: 'setRole', message: ['messages', 0], role: 'user' },
        pages: Array.from({ length: 5 }, (_, i) => ({ start: i * 40, count: 40 })),
      }),
      request('edit', {
        line: 3,
        version: 7,
        edit: { kind: 'setRole', message: ['messages', 0], role: 'user' },
        pages: [{ start: 0, count: MAX_ROWS_PER_REQUEST + 1 }],
      }),
      request('exampleAction', { line: 0, version: 1, action: 'runShell' }),

      request('exportMatches', { target: '/etc/passwd' }),
      request('setFilter', { filter: { problems: 'warnings' } }),
    ];
    for (const message of invalid) assert.equal(accepted(message), false, JSON.stringify(message));
  });

  it('accepts the view state the page reports, and nothing else under its name', () => {
    const event = (payload: unknown) => ({ type: 'event', name: 'viewState', payload });
    const state = { filter: { text: 'refund' }, firstLine: 120, selectedLine: 121, plain: false };
    assert.equal(accepted(event(state)), true);
    assert.equal(accepted(event({ ...state, selectedLine: undefined })), true);
    assert.equal(accepted(event({ filter: {}, firstLine: 0, plain: true })), true, 'nothing selected');
    for (const bad of [
      { ...state, firstLine: -1 },
      { ...state, selectedLine: 2.5 },
      { ...state, plain: 'yes' },
      { ...state, filter: { problems: 'warnings' } },
      { ...state, script: 'alert(1)' },
      'state',
    ])
      assert.equal(accepted(event(bad)), false, JSON.stringify(bad));
  });
});
