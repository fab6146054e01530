import type { EncodingName } from '../models/modelTable';
import { countPiece, encodePiece, pieceBytes } from './bpe/bytePairMerge';
import { loadRankTable } from './bpe/rankSource';
import { bpeSegments } from './bpeSegments';
import type { RankTable } from './bpe/rankTable';
import { PieceCounter, type PieceEnd } from './pieceCounter';
import { cl100kPieceEnd, o200kPieceEnd } from './pieces/pieceScanners';

/** A byte-pair encoding, reduced to what the counters need. */
export interface TokenEncoding {
  readonly name: EncodingName;
  /**
   * Number of tokens in `text`. Special-token markers such as `<|endoftext|>` count as ordinary text: dataset text is
   * data, not a prompt, so a literal marker must be counted, never rejected.
   */
  count(text: string): number;
  /** The tokens of `text`, with the same treatment of special-token markers as {@link count}. */
  encode(text: string): number[];
  /** How many UTF-8 bytes token `token` stands for. */
  tokenByteLength(token: number): number;
}

/** All the example counters need of an encoding. */
export type TokenCounting = Pick<TokenEncoding, 'count'>;

const PIECE_ENDS: Readonly<Record<EncodingName, PieceEnd>> = { o200k_base: o200kPieceEnd, cl100k_base: cl100kPieceEnd };

const loaded = new Map<EncodingName, TokenEncoding>();

/**
 * The encoding called `name`: gpt-tokenizer's vocabulary and pre-tokenisation, with byte-pair merging over a compact
 * rank table (see bpe/). Loaded on first use and only the one asked for; later calls return the same instance.
 */
export function loadEncoding(name: EncodingName): TokenEncoding {
  let encoding = loaded.get(name);
  if (encoding === undefined) {
    encoding = createEncoding(name, loadRankTable(name), PIECE_ENDS[name]);
    loaded.set(name, encoding);
  }
  return encoding;
}

function createEncoding(name: EncodingName, table: RankTable, pieceEnd: PieceEnd): TokenEncoding {
  const pieces = new PieceCounter(pieceEnd, (piece) => countPiece(table, pieceBytes(piece)));
  return {
    name,
    count: (text) => pieces.count(text),
    encode(text) {
      const tokens: number[] = [];
      for (let start = 0; start < text.length;) {
        const end = pieceEnd(text, start);
        // Cut like the counter cuts (bpeSegments), so a megabyte piece stays affordable and counts agree.
        for (const segment of bpeSegments(text.slice(start, end))) {
          for (const token of encodePiece(table, pieceBytes(segment))) tokens.push(token);
        }
        start = end;
      }
      return tokens;
    },
    tokenByteLength: (token) => table.tokenByteLength(token),
  };
}
