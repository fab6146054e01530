import * as assert from 'node:assert/strict';
import { CL100K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { cl100kPieceEnd } from '../../../../src/core/tokens/pieces/pieceScanners';
import { itMatchesTheRegex, scannedPieces } from './pieceHarness';

describe('cl100kPieceEnd', () => {
  const pieces = (text: string): string[] => scannedPieces(cl100kPieceEnd, text);

  it('keeps letters of any case in one run', () => {
    assert.deepEqual(pieces('HelloWorld HELLOworld'), ['HelloWorld', ' HELLOworld']);
  });

  it('cuts contractions of either case off as pieces of their own', () => {
    assert.deepEqual(pieces("DON'T don'tt"), ['DON', "'T", ' don', "'t", 't']);
    assert.deepEqual(pieces("'sa 'lx"), ["'s", 'a', " '", 'lx']);
    assert.deepEqual(pieces("'lx"), ["'lx"]);
  });

  it('prefixes a word with one non-letter, non-digit char other than a line break', () => {
    assert.deepEqual(pieces('..."Hello "Hi\tthere\nx'), ['..."', 'Hello', ' "', 'Hi', '\tthere', '\n', 'x']);
  });

  it('cuts digits into runs of at most three, never prefixed', () => {
    assert.deepEqual(pieces('a 1234567'), ['a', ' ', '123', '456', '7']);
  });

  it('takes punctuation with one leading space and the line breaks after it, but not slashes', () => {
    assert.deepEqual(pieces('x !!!\n/\ny'), ['x', ' !!!\n', '/\n', 'y']);
  });

  it('keeps trailing whitespace whole and otherwise cuts after the last line break', () => {
    assert.deepEqual(pieces('a  \n  '), ['a', '  \n  ']);
    assert.deepEqual(pieces('a  \n  b'), ['a', '  \n', ' ', ' b']);
    assert.deepEqual(pieces('a   b'), ['a', '  ', ' b']);
  });

  itMatchesTheRegex(cl100kPieceEnd, CL100K_TOKEN_SPLIT_REGEX);
});
