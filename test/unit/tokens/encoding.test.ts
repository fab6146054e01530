import * as assert from 'node:assert/strict';
import { loadEncoding } from '../../../src/core/tokens/encoding';

describe('token encodings', () => {
  const cl100k = loadEncoding('cl100k_base');
  const o200k = loadEncoding('o200k_base');

  it('encodes known strings to the published token ids', () => {
    assert.deepEqual(cl100k.encode('Hello world'), [9906, 1917]);
    assert.deepEqual(o200k.encode('Hello world'), [13225, 2375]);
    assert.deepEqual(cl100k.encode('Hello, world!'), [9906, 11, 1917, 0]);
    assert.deepEqual(cl100k.encode('user'), [882]);
    assert.deepEqual(cl100k.encode('assistant'), [78191]);
  });

  it('counts like it encodes, and the two encodings differ where expected', () => {
    assert.equal(cl100k.count('You are a helpful assistant.'), 6);
    assert.equal(o200k.count('You are a helpful assistant.'), 6);
    assert.equal(cl100k.count("What's the capital of France?"), 7);
    assert.equal(o200k.count("What's the capital of France?"), 6);
    assert.equal(cl100k.count('日本語'), 4);
    assert.equal(o200k.count('日本語'), 2);
    assert.equal(cl100k.count(''), 0);
    assert.deepEqual(cl100k.encode(''), []);
  });

  it('counts special-token markers as plain text instead of throwing', () => {
    assert.equal(cl100k.count('a <|endoftext|> b'), 8);
    assert.equal(cl100k.encode('a <|endoftext|> b').length, 8);
  });

  it('knows the UTF-8 length of every token, including partial characters', () => {
    const text = 'x日本語 😀 <|im_start|> \ud800 café';
    for (const encoding of [cl100k, o200k]) {
      const tokens = encoding.encode(text);
      const bytes = tokens.reduce((sum, token) => sum + encoding.tokenByteLength(token), 0);
      assert.equal(bytes, Buffer.byteLength(text, 'utf8'), encoding.name);
    }
    assert.deepEqual(
      cl100k.encode('x日本語').map((token) => cl100k.tokenByteLength(token)),
      [1, 3, 3, 2, 1],
    );
  });

  it('returns one shared instance per encoding', () => {
    assert.equal(loadEncoding('cl100k_base'), cl100k);
    assert.equal(cl100k.name, 'cl100k_base');
    assert.equal(o200k.name, 'o200k_base');
  });
});
