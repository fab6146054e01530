import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { textPieces } from '../../../webview/playground/textPieces';

describe('textPieces', () => {
  it('cuts after the first newline at or past the minimum length', () => {
    assert.deepEqual(textPieces('ab\ncd\nef\ngh', 4), ['ab\ncd\n', 'ef\ngh']);
    assert.deepEqual(textPieces('abc\n\ndef\n\nghi', 3), ['abc\n', '\ndef\n', '\nghi']);
  });

  it('keeps a short text, an empty text and a text without newlines whole', () => {
    assert.deepEqual(textPieces('short\ntext', 100), ['short\ntext']);
    assert.deepEqual(textPieces('', 4), ['']);
    assert.deepEqual(textPieces('x'.repeat(50), 4), ['x'.repeat(50)]);
  });

  it('never leaves an empty last piece after a final newline', () => {
    assert.deepEqual(textPieces('abcd\nefgh\n', 4), ['abcd\n', 'efgh\n']);
  });

  it('gives the text back when joined; every piece but the last ends a line and is long enough', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '😀'), { maxLength: 300 }).map((c) => c.join('')),
        fc.integer({ min: 1, max: 40 }),
        (text, minLength) => {
          const pieces = textPieces(text, minLength);
          assert.equal(pieces.join(''), text);
          assert.ok(pieces.length >= 1);
          pieces.slice(0, -1).forEach((piece) => {
            assert.ok(piece.endsWith('\n'), JSON.stringify(piece));
            assert.ok(piece.length >= minLength, JSON.stringify(piece));
            // Cut at the first line end past the minimum: no earlier cut was possible.
            assert.equal(piece.slice(0, -1).indexOf('\n', minLength - 1), -1, JSON.stringify(piece));
          });
          if (pieces.length > 1) assert.notEqual(pieces[pieces.length - 1], '');
        },
      ),
    );
  });
});
