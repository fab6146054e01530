import * as assert from 'node:assert/strict';
import { applyLineChanges, countLineBreaks } from '../../../src/core/analysis/lineEdits';

describe('applyLineChanges', () => {
  it('invalidates an edited line in place', () => {
    const cache: (string | undefined)[] = ['a', 'b', 'c'];
    applyLineChanges(cache, [{ startLine: 1, endLine: 1, newLineCount: 1 }]);
    assert.deepEqual(cache, ['a', undefined, 'c']);
  });
  it('shifts following lines when lines are inserted', () => {
    const cache: (string | undefined)[] = ['a', 'b', 'c'];
    applyLineChanges(cache, [{ startLine: 0, endLine: 0, newLineCount: 3 }]);
    assert.deepEqual(cache, [undefined, undefined, undefined, 'b', 'c']);
  });
  it('removes lines when a range collapses', () => {
    const cache: (string | undefined)[] = ['a', 'b', 'c', 'd'];
    applyLineChanges(cache, [{ startLine: 1, endLine: 2, newLineCount: 1 }]);
    assert.deepEqual(cache, ['a', undefined, 'd']);
  });
  it('applies several changes in order', () => {
    const cache: (string | undefined)[] = ['a', 'b', 'c', 'd'];
    applyLineChanges(cache, [
      { startLine: 3, endLine: 3, newLineCount: 2 },
      { startLine: 0, endLine: 1, newLineCount: 1 },
    ]);
    assert.deepEqual(cache, [undefined, 'c', undefined, undefined]);
  });
});

describe('countLineBreaks', () => {
  it('counts LF and CRLF once each', () => {
    assert.equal(countLineBreaks(''), 0);
    assert.equal(countLineBreaks('a\nb\r\nc\n'), 3);
  });
});
