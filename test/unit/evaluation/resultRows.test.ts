import * as assert from 'node:assert/strict';
import { answerCell, answerOf, groupResults } from '../../../src/evaluation/resultRows';
import { prompt, record } from './fixtures';

describe('evaluation: grouping results into rows', () => {
  it('makes one row per prompt in input order and one column per model in order of appearance', () => {
    const grouped = groupResults([
      record(prompt(1), 'b', { text: 'B1' }),
      record(prompt(0), 'a', { text: 'A0' }),
      record(prompt(0), 'b', { text: 'B0' }),
      record(prompt(1), 'a', { text: 'A1' }),
    ]);
    assert.deepEqual(grouped.models, ['b', 'a']);
    assert.deepEqual(
      grouped.rows.map((row) => [row.prompt.index, answerOf(row, 'a'), answerOf(row, 'b')]),
      [
        [0, 'A0', 'B0'],
        [1, 'A1', 'B1'],
      ],
    );
  });

  it('keeps the latest record of a pair: a retried failure shows its answer, a later failure its error', () => {
    const p = prompt(0);
    const grouped = groupResults([
      record(p, 'a', { error: 'Server error' }),
      record(p, 'b', { text: 'first' }),
      record(p, 'a', { text: 'retried' }),
      record(p, 'b', { error: 'Timed out' }),
    ]);
    const row = grouped.rows[0]!;
    assert.equal(grouped.rows.length, 1);
    assert.equal(answerOf(row, 'a'), 'retried');
    assert.equal(answerOf(row, 'b'), undefined);
    assert.deepEqual(answerCell(row.records.get('b')!), { label: 'b', latencyMs: 100, error: 'Timed out' });
    assert.deepEqual(answerCell(row.records.get('a')!), {
      label: 'a',
      latencyMs: 100,
      text: 'retried',
      finishReason: 'stop',
    });
  });

  it('orders prompts of the same index by first appearance', () => {
    const grouped = groupResults([
      record(prompt(0, { key: 'k2' }), 'a', { text: 'x' }),
      record(prompt(0, { key: 'k1' }), 'a', { text: 'y' }),
    ]);
    assert.deepEqual(
      grouped.rows.map((row) => row.prompt.key),
      ['k2', 'k1'],
    );
  });

  it('has no rows and no models for no records', () => {
    assert.deepEqual(groupResults([]), { models: [], rows: [] });
  });
});
