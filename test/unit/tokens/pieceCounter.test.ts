import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { loadEncoding } from '../../../src/core/tokens/encoding';
import { PieceCounter } from '../../../src/core/tokens/pieceCounter';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const alphabet = [
  ...'aZ9 \t\r\n\'"/.!-_:é€✅中😀\u00a0',
  "n't",
  "'S",
  'Hello',
  ' world',
  '<|endoftext|>',
  '  ',
  '\n\n',
  '1234567',
];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((parts) => parts.join(''));

describe('token counts piece by piece', () => {
  for (const [name, library] of [
    ['o200k_base', o200kCount],
    ['cl100k_base', cl100kCount],
  ] as const) {
    it(`equal the library's count of the whole text (${name}), cache hits included`, () => {
      const encoding = loadEncoding(name);
      fc.assert(
        fc.property(text, (sample) => {
          const expected = library(sample, PLAIN_TEXT);
          assert.equal(encoding.count(sample), expected);
          // A second count of other text made of the same pieces comes from the cache.
          assert.equal(encoding.count(`${sample} ${sample}`), library(`${sample} ${sample}`, PLAIN_TEXT));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('asks the library once per distinct piece and cuts a huge piece into segments', () => {
    const asked: string[] = [];
    const counter = new PieceCounter(
      (text, start) => {
        const space = text.indexOf(' ', start + 1);
        return space === -1 ? text.length : space;
      },
      (piece) => {
        asked.push(piece);
        return 1;
      },
    );
    assert.equal(counter.count('a b a b a'), 5);
    assert.deepEqual(asked, ['a', ' b', ' a']);
    asked.length = 0;
    assert.equal(counter.count('x'.repeat(20_000)), 3);
    assert.deepEqual(
      asked.map((piece) => piece.length),
      [8192, 8192, 3616],
    );
  });

  it('keeps every count right when a full cache starts over', () => {
    // Each piece's count is a function of its text, so a count kept for the wrong piece shows.
    const countOf = (piece: string) => (piece.length * 31 + piece.charCodeAt(piece.length - 1)) % 1000;
    let merged = 0;
    const counter = new PieceCounter(
      (text, start) => {
        const space = text.indexOf(' ', start + 1);
        return space === -1 ? text.length : space;
      },
      (piece) => {
        merged++;
        return countOf(piece);
      },
    );
    const pieces = Array.from({ length: 120_000 }, (_, i) => ` w${i.toString(36)}`);
    const expected = (from: number, to: number) =>
      pieces.slice(from, to).reduce((sum, piece) => sum + countOf(piece), 0);
    for (let from = 0; from < pieces.length; from += 1000)
      assert.equal(counter.count(pieces.slice(from, from + 1000).join('')), expected(from, from + 1000));
    assert.equal(merged, pieces.length);
    // The last pieces are still cached (the cache started over after 50,000 and 100,000), the first are not.
    merged = 0;
    assert.equal(counter.count(pieces.slice(-1000).join('')), expected(pieces.length - 1000, pieces.length));
    assert.equal(merged, 0);
    assert.equal(counter.count(pieces.slice(0, 1000).join('')), expected(0, 1000));
    assert.equal(merged, 1000);
  });
});
