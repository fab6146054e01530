import { strict as assert } from 'node:assert';
import { RankTable, type RankSource } from '../../../../src/core/tokens/bpe/rankTable';
import { vocabularies } from './vocabularies';

const bytesOf = (entry: string | readonly number[]): Uint8Array =>
  typeof entry === 'string' ? Buffer.from(entry, 'utf8') : Uint8Array.from(entry);

/** Tokens 0–255 are the single bytes; `extra` follow from 256. */
function byteVocabulary(...extra: (string | undefined)[]): (string | readonly number[] | undefined)[] {
  return [...Array.from({ length: 256 }, (_, byte) => [byte]), ...extra];
}

/** Every token of `ranks` is found at its own number and has its own length. */
function assertEveryToken(table: RankTable, ranks: RankSource): void {
  assert.equal(table.size, ranks.length);
  for (let token = 0; token < ranks.length; token++) {
    const entry = ranks[token];
    if (entry === undefined) {
      assert.equal(table.tokenByteLength(token), 0);
      continue;
    }
    const bytes = bytesOf(entry);
    // Padded on both sides so that only [start, end) may be read.
    const padded = new Uint8Array(bytes.length + 2).fill(0x20);
    padded.set(bytes, 1);
    if (table.rankOf(padded, 1, bytes.length + 1) !== token) assert.fail(`token ${token} not found at its rank`);
    if (table.tokenByteLength(token) !== bytes.length)
      assert.fail(`token ${token} has length ${table.tokenByteLength(token)}`);
  }
}

describe('RankTable', () => {
  for (const vocabulary of vocabularies) {
    describe(vocabulary.name, () => {
      it('finds every token of the rank array at its number, with its byte length', () => {
        assertEveryToken(vocabulary.table(), vocabulary.ranks());
      });

      it('reloads from its blob to an identical table', () => {
        const ranks = vocabulary.ranks();
        const blob = vocabulary.table().toBytes();
        const reloaded = RankTable.fromBytes(blob);
        assertEveryToken(reloaded, ranks);
        assert.deepEqual(reloaded.toBytes(), blob);
        // Read from a misaligned copy, as a Buffer slice of a larger file might be.
        const shifted = new Uint8Array(blob.length + 1);
        shifted.set(blob, 1);
        assert.equal(
          RankTable.fromBytes(shifted.subarray(1)).rankOf(Buffer.from(' hello'), 0, 6),
          reloaded.rankOf(Buffer.from(' hello'), 0, 6),
        );
      });

      it('answers -1 for bytes that are no token', () => {
        const table = vocabulary.table();
        const ranks = vocabulary.ranks();
        // Every token with one byte changed: near misses share a length, and now and then a hash tag, with a token.
        for (let token = 0; token < ranks.length; token++) {
          const variant = bytesOf(ranks[token] ?? []);
          for (let at = 0; at < variant.length; at++) {
            variant[at] = variant[at]! ^ 0x01;
            const found = table.rankOf(variant, 0, variant.length);
            if (found >= 0 && !Buffer.from(bytesOf(ranks[found]!)).equals(variant))
              assert.fail(`bytes of token ${token}, byte ${at} changed, taken for token ${found}`);
            variant[at] = variant[at]! ^ 0x01;
          }
        }
        assert.equal(table.rankOf(Buffer.from('zxqvzxqvzxqv'), 0, 12), -1);
        assert.equal(table.rankOf(Buffer.from('a'), 0, 0), -1);
        assert.equal(table.tokenByteLength(-1), 0);
        assert.equal(table.tokenByteLength(table.size), 0);
      });
    });
  }

  it('looks up a range of a larger buffer and knows single bytes as tokens 0–255', () => {
    const table = RankTable.fromRanks(byteVocabulary('ab', 'abc'));
    const text = Buffer.from('xabcx');
    assert.equal(table.rankOf(text, 1, 3), 256);
    assert.equal(table.rankOf(text, 1, 4), 257);
    assert.equal(table.rankOf(text, 2, 4), -1);
    assert.equal(table.rankOf(text, 0, 1), 0x78);
    assert.equal(table.tokenByteLength(257), 3);
  });

  it('keeps holes and undefined entries as unused token numbers', () => {
    const ranks = byteVocabulary('ab', undefined);
    // Assigning past the end leaves a hole at 258.
    ranks[259] = 'cd';
    const table = RankTable.fromRanks(ranks);
    assert.equal(table.size, 260);
    assert.equal(table.tokenByteLength(257), 0);
    assert.equal(table.tokenByteLength(258), 0);
    assert.equal(table.rankOf(Buffer.from('cd'), 0, 2), 259);
    assert.equal(RankTable.fromBytes(table.toBytes()).rankOf(Buffer.from('cd'), 0, 2), 259);
  });

  it('refuses a vocabulary with a repeated token or without every single byte', () => {
    assert.throws(() => RankTable.fromRanks(byteVocabulary('ab', 'ab')), /Token 257 repeats the bytes of token 256/);
    assert.throws(() => RankTable.fromRanks(['a', 'b']), /byte 0 is not a token/);
  });

  it('rejects a blob that is not a rank table', () => {
    const blob = RankTable.fromRanks(byteVocabulary('ab')).toBytes();
    const wrongMagic = blob.slice();
    wrongMagic[0] = 0;
    assert.throws(() => RankTable.fromBytes(wrongMagic), /wrong magic number/);
    const wrongVersion = blob.slice();
    wrongVersion[4] = 99;
    assert.throws(() => RankTable.fromBytes(wrongVersion), /version 99 is not supported/);
    assert.throws(() => RankTable.fromBytes(blob.subarray(0, blob.length - 1)), /does not match its/);
    assert.throws(() => RankTable.fromBytes(blob.subarray(0, 8)), /shorter than its header/);
    const lengths = blob.slice();
    // Token 1 claims two bytes: the one-byte lengths begin right after the four header words.
    lengths[16 + 1] = 2;
    assert.throws(() => RankTable.fromBytes(lengths), /lengths do not add up/);
  });
});
