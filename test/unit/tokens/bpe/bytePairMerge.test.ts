import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { AGENT_REPLIES, CUSTOMER_DETAILS, OPENINGS, SYSTEM_STYLES } from '../../../../bench/generate/supportPhrases';
import { countPiece, encodePiece, pieceBytes } from '../../../../src/core/tokens/bpe/bytePairMerge';
import { mergeLongPiece } from '../../../../src/core/tokens/bpe/longPieceMerge';
import { RankTable } from '../../../../src/core/tokens/bpe/rankTable';
import { scannedPieces } from '../pieces/pieceHarness';
import { vocabularies, type Vocabulary } from './vocabularies';

/** Single bytes are tokens 0–255 (so 'a' is 97); `merges` follow from 256. */
const toy = (...merges: string[]): RankTable =>
  RankTable.fromRanks([...Array.from({ length: 256 }, (_, byte) => [byte]), ...merges]);
const encodeString = (table: RankTable, piece: string): number[] => encodePiece(table, pieceBytes(piece));

/** Our tokens for `text`: its pieces, each merged on its own. */
function piecewise(vocabulary: Vocabulary, text: string): { tokens: number[]; count: number } {
  const table = vocabulary.table();
  const tokens: number[] = [];
  let count = 0;
  for (const piece of scannedPieces(vocabulary.pieceEnd, text)) {
    tokens.push(...encodePiece(table, pieceBytes(piece)));
    count += countPiece(table, pieceBytes(piece));
  }
  return { tokens, count };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const shortParts = fc.constantFrom(
  'hello',
  ' world',
  'The',
  ' QUICK',
  'brown',
  "don't",
  "'s",
  "n't",
  ' I',
  'x',
  'Z',
  '42',
  '2024',
  '1234567',
  '3.14',
  '.',
  ',',
  '!?',
  '...',
  '—',
  '-',
  '"',
  '(',
  ')',
  '{"role":',
  ' ',
  '  ',
  '   ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  ' \n ',
  'é',
  'ß',
  'café',
  'Straße',
  '中文',
  '日本語',
  'の',
  '😀',
  '👍🏽',
  '🇫🇷',
  'e\u0301',
  'n\u0303o',
  '\u00a0',
  ' مرحبا',
  'بالعالم',
  ' Привет',
  'мир',
  'ÇÀÉ',
  '\ud83d',
  'αβγ',
  '€49.99',
  '<|endoftext|>',
);
const longParts = fc.oneof(
  fc.constantFrom('x'.repeat(3000), 'ab'.repeat(400), '中'.repeat(300), 'é'.repeat(200), ' '.repeat(100)),
  fc.array(fc.constantFrom(...BASE64), { minLength: 100, maxLength: 1200 }).map((chars) => chars.join('')),
);
const text = fc
  .array(fc.oneof({ arbitrary: shortParts, weight: 80 }, { arbitrary: longParts, weight: 1 }), {
    maxLength: 40,
    size: 'large',
  })
  .map((parts) => parts.join(''));

const sentences = [...SYSTEM_STYLES, ...OPENINGS, ...CUSTOMER_DETAILS, ...AGENT_REPLIES];

describe('byte-pair merge', () => {
  it('takes a piece that is itself a token whole, even where merging would not reach it', () => {
    // Neither "ab" nor "bc" is a token, so merging alone would leave three bytes.
    assert.deepEqual(encodeString(toy('abc'), 'abc'), [256]);
    assert.deepEqual(encodeString(toy('abc'), 'abcd'), [97, 98, 99, 100]);
  });

  it('merges the lowest-ranked pair first, the leftmost on ties', () => {
    assert.deepEqual(encodeString(toy('aa'), 'aaa'), [256, 97]);
    // "bc" outranks "ab": b joins c first, and "ab" can then no longer form.
    assert.deepEqual(encodeString(toy('bc', 'ab'), 'abc'), [97, 256]);
    assert.deepEqual(encodeString(toy('ab', 'ba', 'abab'), 'ababa'), [258, 97]);
    assert.equal(countPiece(toy('ab', 'ba', 'abab'), pieceBytes('ababa')), 2);
    assert.deepEqual(encodeString(toy('ab'), ''), []);
  });

  it('merges long pieces (through the heap) the same way', () => {
    const table = toy('aa', 'aaaa');
    // 100 × "aa", then 50 × "aaaa"; the odd "a" stays last because ties go to the leftmost pair.
    assert.deepEqual(encodeString(table, 'a'.repeat(200)), Array<number>(50).fill(257));
    assert.deepEqual(encodeString(table, 'a'.repeat(201)), [...Array<number>(50).fill(257), 97]);
    assert.equal(countPiece(table, pieceBytes('a'.repeat(203))), 52);
  });

  it('merges a byte-order mark as tiktoken does (gpt-tokenizer 4 cannot: its decoder drops the BOM)', () => {
    const [o200k, cl100k] = vocabularies;
    // Token numbers of the rank arrays' own [239, 187, 191] and [239, 187, 191, ...'using'] entries.
    assert.deepEqual(encodeString(o200k!.table(), '\ufeff'), [5574]);
    assert.deepEqual(encodeString(o200k!.table(), '\ufeffusing'), [9251]);
    assert.deepEqual(encodeString(cl100k!.table(), '\ufeffusing'), [4117]);
    assert.deepEqual(o200k!.ranks()[9251], [239, 187, 191, ...Buffer.from('using')]);
  });

  it('gives pieceBytes the UTF-8 of each piece, lone surrogates as U+FFFD', () => {
    assert.deepEqual([...pieceBytes('é中😀')], [...Buffer.from('é中😀')]);
    assert.deepEqual([...pieceBytes('a\ud83d')], [0x61, 0xef, 0xbf, 0xbd]);
    assert.equal(pieceBytes('x'.repeat(5000)).length, 5000);
  });

  for (const vocabulary of vocabularies) {
    describe(vocabulary.name, () => {
      it('equals gpt-tokenizer on support-chat sentences', () => {
        for (const sentence of [...sentences, sentences.join(' '), sentences.join('\n\n')]) {
          const expected = vocabulary.reference(sentence);
          const { tokens, count } = piecewise(vocabulary, sentence);
          assert.deepEqual(tokens, expected, sentence);
          assert.equal(count, expected.length);
        }
      });

      it('equals gpt-tokenizer on random text of many scripts, with long runs (property)', () => {
        fc.assert(
          fc.property(text, (sample) => {
            const expected = vocabulary.reference(sample);
            const { tokens, count } = piecewise(vocabulary, sample);
            assert.deepEqual(tokens, expected);
            assert.equal(count, expected.length);
          }),
          { numRuns: 1000 },
        );
      });

      it('merges short pieces through the heap to the same parts as the plain loop (property)', () => {
        const table = vocabulary.table();
        const boundaries = new Int32Array(4096);
        fc.assert(
          fc.property(text, (sample) => {
            for (const piece of scannedPieces(vocabulary.pieceEnd, sample)) {
              const bytes = pieceBytes(piece);
              if (bytes.length >= boundaries.length || table.rankOf(bytes, 0, bytes.length) >= 0) continue;
              const parts = mergeLongPiece(table, bytes, boundaries);
              const tokens = Array.from({ length: parts }, (_, i) =>
                table.rankOf(bytes, boundaries[i]!, boundaries[i + 1]!),
              );
              assert.deepEqual(tokens, encodePiece(table, bytes), piece);
            }
          }),
          { numRuns: 300 },
        );
      });
    });
  }
});
