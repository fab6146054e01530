import * as assert from 'node:assert/strict';
import { bpeSegments } from '../../../src/core/tokens/bpeSegments';
import { countTokens, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { loadEncoding } from '../../../src/core/tokens/encoding';

describe('bpeSegments', () => {
  it('keeps short texts whole and long texts complete', () => {
    assert.deepEqual(bpeSegments('hello world'), ['hello world']);
    const long = 'Please reset my router, then call us back. '.repeat(1000);
    const segments = bpeSegments(long);
    assert.ok(segments.length > 1);
    assert.equal(segments.join(''), long);
    for (const segment of segments.slice(1)) assert.equal(segment[0], ' ');
  });

  it('counts long prose exactly as the tokenizer does on the whole text', () => {
    const long = 'Thanks for waiting — your refund of $42.10 is on its way; it takes 3–5 days. 🙏 '.repeat(400);
    const whole = countTokens(long, { disallowedSpecial: new Set() });
    const encoding = loadEncoding('o200k_base');
    assert.ok(bpeSegments(long).length > 1);
    assert.equal(encoding.count(long), whole);
    assert.deepEqual(encoding.encode(long), encode(long, { disallowedSpecial: new Set() }));
  });

  it('counts a megabyte without spaces in linear time instead of hanging', function () {
    this.timeout(20_000);
    const encoding = loadEncoding('o200k_base');
    const tokens = encoding.count('x'.repeat(1024 * 1024));
    assert.ok(tokens > 1000 && tokens < 1024 * 1024, String(tokens));
  });
});
