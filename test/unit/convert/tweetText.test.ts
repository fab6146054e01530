import * as assert from 'node:assert/strict';
import { cleanTweet, decodeHtmlEntities, stripSignoff } from '../../../src/core/convert/twcs/tweetText';

describe('tweet cleaning', () => {
  it('strips agent sign-offs at the end, also before trailing links', () => {
    assert.equal(stripSignoff('Happy to help ^RR'), 'Happy to help');
    assert.equal(stripSignoff('Happy to help! -AB  '), 'Happy to help!');
    assert.equal(stripSignoff('DM us please ^JAY https://t.co/abc'), 'DM us please https://t.co/abc');
    assert.equal(
      stripSignoff('Thanks for waiting *TS\nhttps://t.co/a https://t.co/b'),
      'Thanks for waiting\nhttps://t.co/a https://t.co/b',
    );
    assert.equal(stripSignoff('Talk soon -Sam'), 'Talk soon');
  });

  it('keeps endings that are not sign-offs', () => {
    assert.equal(stripSignoff('Use the e-mail form'), 'Use the e-mail form');
    assert.equal(stripSignoff('Version 2.0 -beta'), 'Version 2.0 -beta');
    assert.equal(stripSignoff('^RR'), '^RR');
    assert.equal(stripSignoff('It costs 5 -ABCDE'), 'It costs 5 -ABCDE');
  });

  it('removes mentions, t.co links and sign-offs only when asked, then tidies spaces', () => {
    const text = '@AppleSupport @115712 Try this: https://t.co/Xy12 and mail help@apple.com ^KM';
    assert.equal(cleanTweet(text, true, {}), text);
    assert.equal(
      cleanTweet(text, true, { stripMentions: true }),
      'Try this: https://t.co/Xy12 and mail help@apple.com ^KM',
    );
    assert.equal(
      cleanTweet(text, true, { stripMentions: true, stripLinks: true, stripSignoffs: true }),
      'Try this: and mail help@apple.com',
    );
    assert.equal(cleanTweet(text, false, { stripSignoffs: true }), text, 'customers do not sign off');
  });

  it('decodes the HTML entities of the Kaggle export by default, and keeps them when asked', () => {
    const raw = 'Fish &amp; chips &gt; salad &lt;3 &quot;yum&quot; it&#39;s &#x1F600; &apos;ok&apos;';
    const decoded = `Fish & chips > salad <3 "yum" it's 😀 'ok'`;
    assert.equal(cleanTweet(raw, false, {}), decoded);
    assert.equal(cleanTweet(raw, false, { keepHtmlEntities: true }), raw);
    // Decoded once, not twice; entities that are no characters stay as written.
    assert.equal(decodeHtmlEntities('&amp;gt; &#0; &#xD800; &nbsp; &amp'), '&gt; &#0; &#xD800; &nbsp; &amp');
  });
});
