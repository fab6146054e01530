import * as assert from 'node:assert/strict';
import { formatMetrics, replyMetrics } from '../../../webview/playground/metrics';
import { parseNumber, parseStops } from '../../../webview/playground/parameterText';

describe('playground reply metrics', () => {
  it('measures time to first token and tokens per second after the first token', () => {
    const metrics = replyMetrics({ sentAt: 1000, firstTokenAt: 1250, endedAt: 3250, completionTokens: 41 });
    assert.deepEqual(metrics, { ttftMs: 250, tokensPerSecond: 20 });
    assert.equal(formatMetrics(metrics), 'first token 250 ms · 20.0 tokens/s');
  });

  it('has no rate without usage, for a single token, or when everything arrived at once', () => {
    assert.deepEqual(replyMetrics({ sentAt: 0, firstTokenAt: 10, endedAt: 20 }), { ttftMs: 10 });
    assert.deepEqual(replyMetrics({ sentAt: 0, firstTokenAt: 10, endedAt: 20, completionTokens: 1 }), { ttftMs: 10 });
    assert.deepEqual(replyMetrics({ sentAt: 0, firstTokenAt: 10, endedAt: 10, completionTokens: 9 }), { ttftMs: 10 });
  });

  it('has nothing when no text arrived', () => {
    assert.deepEqual(replyMetrics({ sentAt: 0, endedAt: 50, completionTokens: 0 }), {});
    assert.equal(formatMetrics({}), '');
  });
});

describe('playground parameter fields', () => {
  it('reads numbers, empty as not set, integers truncated', () => {
    assert.equal(parseNumber('', false), undefined);
    assert.equal(parseNumber('abc', false), undefined);
    assert.equal(parseNumber('0.7', false), 0.7);
    assert.equal(parseNumber('12.9', true), 12);
    assert.equal(parseNumber('-3', true), 0);
  });

  it('reads up to four comma-separated stop sequences with \\n escapes', () => {
    assert.deepEqual(parseStops(' END , \\nHuman,,a,b,c'), ['END', '\nHuman', 'a', 'b']);
    assert.deepEqual(parseStops(''), []);
  });
});
