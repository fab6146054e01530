import * as assert from 'node:assert/strict';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { o200kPieceEnd } from '../../../../src/core/tokens/pieces/pieceScanners';
import { itMatchesTheRegex, scannedPieces } from './pieceHarness';

describe('o200kPieceEnd', () => {
  const pieces = (text: string): string[] => scannedPieces(o200kPieceEnd, text);

  it('keeps an upper-case run with the lower-case run after it, and splits before a new capital', () => {
    assert.deepEqual(pieces('HELLOworld'), ['HELLOworld']);
    assert.deepEqual(pieces('HelloWorld'), ['Hello', 'World']);
    assert.deepEqual(pieces('helloWORLD'), ['hello', 'WORLD']);
  });

  it('attaches contractions of either case to the word', () => {
    assert.deepEqual(pieces("DON'T don'tt we'LL"), ["DON'T", " don't", 't', " we'LL"]);
    assert.deepEqual(pieces("'s a'lx"), ["'s", ' a', "'lx"]);
  });

  it('prefixes a word with one non-letter, non-digit char other than a line break', () => {
    assert.deepEqual(pieces('..."Hello "Hi\tthere\nx'), ['..."', 'Hello', ' "', 'Hi', '\tthere', '\n', 'x']);
  });

  it('cuts digits into runs of at most three, never prefixed', () => {
    assert.deepEqual(pieces('a 1234567'), ['a', ' ', '123', '456', '7']);
  });

  it('takes punctuation with one leading space and the line breaks and slashes after it', () => {
    assert.deepEqual(pieces('x !!!\n/\ny'), ['x', ' !!!\n/\n', 'y']);
    assert.deepEqual(pieces('   !!'), ['  ', ' !!']);
  });

  it('splits whitespace runs before words, at line breaks and at the end', () => {
    assert.deepEqual(pieces('a   b'), ['a', '  ', ' b']);
    assert.deepEqual(pieces('a  \n  b  '), ['a', '  \n', ' ', ' b', '  ']);
    assert.deepEqual(pieces('a\t1'), ['a', '\t', '1']);
  });

  itMatchesTheRegex(o200kPieceEnd, O200K_TOKEN_SPLIT_REGEX);
});
