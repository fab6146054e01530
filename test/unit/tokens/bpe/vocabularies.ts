import { encode as cl100kEncode } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as o200kEncode } from 'gpt-tokenizer/encoding/o200k_base';
import { RankTable, type RankSource } from '../../../../src/core/tokens/bpe/rankTable';
import { cl100kPieceEnd, o200kPieceEnd } from '../../../../src/core/tokens/pieces/pieceScanners';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** One real vocabulary with the library's encoder as the reference; tables are built once, on first use. */
export interface Vocabulary {
  readonly name: string;
  ranks(): RankSource;
  table(): RankTable;
  /** gpt-tokenizer's tokens for a whole text, special-token markers as plain text. */
  reference(text: string): number[];
  readonly pieceEnd: (text: string, start: number) => number;
}

function vocabulary(
  name: string,
  loadRanks: () => RankSource,
  encode: typeof o200kEncode,
  pieceEnd: Vocabulary['pieceEnd'],
): Vocabulary {
  let table: RankTable | undefined;
  return {
    name,
    ranks: loadRanks,
    table: () => (table ??= RankTable.fromRanks(loadRanks())),
    reference: (text) => encode(text, PLAIN_TEXT),
    pieceEnd,
  };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const vocabularies: readonly Vocabulary[] = [
  vocabulary(
    'o200k_base',
    () => (require('gpt-tokenizer/bpeRanks/o200k_base') as { default: RankSource }).default,
    o200kEncode,
    o200kPieceEnd,
  ),
  vocabulary(
    'cl100k_base',
    () => (require('gpt-tokenizer/bpeRanks/cl100k_base') as { default: RankSource }).default,
    cl100kEncode,
    cl100kPieceEnd,
  ),
];
/* eslint-enable @typescript-eslint/no-require-imports */
