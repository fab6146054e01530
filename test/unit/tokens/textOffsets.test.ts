import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadEncoding } from '../../../src/core/tokens/encoding';
import { jsonStringSourceIndex, tokenStartIndex } from '../../../src/core/tokens/textOffsets';

const cl100k = loadEncoding('cl100k_base');

describe('text offsets', () => {
  describe('tokenStartIndex', () => {
    it('finds where each token of a plain string starts', () => {
      const text = 'Line one\nLine "two" é';
      const tokens = cl100k.encode(text);
      // Line | ␠one | \n | Line | ␠" | two | " | ␠é
      assert.deepEqual(
        tokens.map((_, i) => tokenStartIndex(text, tokens, i, cl100k)),
        [0, 4, 8, 9, 13, 15, 18, 19],
      );
      assert.equal(tokenStartIndex(text, tokens, tokens.length, cl100k), text.length);
    });

    it('gives the start of a character split across tokens', () => {
      const text = 'x日本語';
      const tokens = cl100k.encode(text); // x | 日 | 本 | 語 (2 bytes) | 語 (1 byte)
      assert.deepEqual(
        tokens.map((_, i) => tokenStartIndex(text, tokens, i, cl100k)),
        [0, 1, 2, 3, 3],
      );
    });

    it('counts a surrogate pair as one four-byte character', () => {
      const text = 'a😀b';
      const tokens = cl100k.encode(text);
      const starts = tokens.map((_, i) => tokenStartIndex(text, tokens, i, cl100k));
      assert.equal(starts[0], 0);
      assert.ok(
        starts.every((start) => start !== 2),
        'never between the two halves of the emoji',
      );
      assert.equal(starts[starts.length - 1], 3);
    });
  });

  describe('jsonStringSourceIndex', () => {
    it('maps decoded indices through escapes', () => {
      const source = '{"a":"x\\ny\\"z\\u00e9!"}';
      const quote = source.indexOf('"x');
      const decoded = JSON.parse(source.slice(quote, source.lastIndexOf('"') + 1)) as string;
      assert.equal(decoded, 'x\ny"zé!');
      const expected = [
        quote + 1,
        source.indexOf('\\n'),
        source.indexOf('y'),
        source.indexOf('\\"'),
        source.indexOf('z'),
        source.indexOf('\\u00e9'),
        source.indexOf('!'),
      ];
      assert.deepEqual(
        expected.map((_, i) => jsonStringSourceIndex(source, quote, i)),
        expected,
      );
      assert.equal(jsonStringSourceIndex(source, quote, decoded.length), source.lastIndexOf('"'));
      assert.equal(jsonStringSourceIndex(source, quote, decoded.length + 5), source.lastIndexOf('"'));
    });

    it('lands on the character that decodes to each index, for any string', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.boolean(), (text, asciiOnly) => {
          // JSON.stringify escapes quotes and controls; the ascii variant also escapes every non-ASCII unit.
          const literal = asciiOnly
            ? JSON.stringify(text).replace(
                /[\u0080-\uffff]/g,
                (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
              )
            : JSON.stringify(text);
          const source = `{"k":${literal}}`;
          const quote = 5;
          for (let i = 0; i < text.length; i++) {
            const at = jsonStringSourceIndex(source, quote, i);
            const next = jsonStringSourceIndex(source, quote, i + 1);
            assert.equal(JSON.parse(`"${source.slice(at, next)}"`), text[i]);
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
