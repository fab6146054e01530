import type { EncodingName } from '../models/modelTable';
import { bpeSegments } from './bpeSegments';
import { PieceCounter, type PieceEnd } from './pieceCounter';
import { cl100kPieceEnd } from './pieces/cl100kPieces';
import { o200kPieceEnd } from './pieces/o200kPieces';

/** A byte-pair encoding, reduced to what the counters need. */
export interface TokenEncoding {
  readonly name: EncodingName;
  /** Number of tokens in `text`. Special-token markers such as `<|endoftext|>` count as ordinary text. */
  count(text: string): number;
  /** The tokens of `text`, with the same treatment of special-token markers as {@link count}. */
  encode(text: string): number[];
  /** How many UTF-8 bytes token `token` stands for. */
  tokenByteLength(token: number): number;
}

type EncodingModule = typeof import('gpt-tokenizer/encoding/o200k_base');
type RankTable = readonly (string | readonly number[])[];

// Dataset text is data, not a prompt: a literal "<|endoftext|>" must be counted, never rejected.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const loaded = new Map<EncodingName, TokenEncoding>();

/**
 * The encoding called `name`. Each table is several megabytes and takes a tenth of a second to build, so it is
 * loaded on first use and only the one asked for; later calls return the same instance.
 */
export function loadEncoding(name: EncodingName): TokenEncoding {
  let encoding = loaded.get(name);
  if (encoding === undefined) {
    encoding = name === 'o200k_base' ? createEncoding(name, requireO200k) : createEncoding(name, requireCl100k);
    loaded.set(name, encoding);
  }
  return encoding;
}

interface EncodingSources {
  readonly api: () => EncodingModule;
  readonly ranks: () => RankTable;
  readonly pieceEnd: PieceEnd;
}

// The literal module names let the bundler see (and include) both tables, while `require` inside a function
// keeps them from being evaluated until they are needed.
/* eslint-disable @typescript-eslint/no-require-imports */
const requireO200k: EncodingSources = {
  api: () => require('gpt-tokenizer/encoding/o200k_base') as EncodingModule,
  ranks: () => (require('gpt-tokenizer/bpeRanks/o200k_base') as { default: RankTable }).default,
  pieceEnd: o200kPieceEnd,
};
const requireCl100k: EncodingSources = {
  api: () => require('gpt-tokenizer/encoding/cl100k_base') as EncodingModule,
  ranks: () => (require('gpt-tokenizer/bpeRanks/cl100k_base') as { default: RankTable }).default,
  pieceEnd: cl100kPieceEnd,
};
/* eslint-enable @typescript-eslint/no-require-imports */

function createEncoding(name: EncodingName, sources: EncodingSources): TokenEncoding {
  const api = sources.api();
  // Piece counts are cached below; the library's own cache of merges would only hold the same work twice.
  api.setMergeCacheSize(0);
  const pieces = new PieceCounter(sources.pieceEnd, (piece) => api.countTokens(piece, PLAIN_TEXT));
  let byteLengths: Uint8Array | undefined;
  return {
    name,
    count: (text) => pieces.count(text),
    encode: (text) => (text.length === 0 ? [] : bpeSegments(text).flatMap((segment) => api.encode(segment, PLAIN_TEXT))),
    tokenByteLength(token) {
      byteLengths ??= tokenByteLengths(sources.ranks());
      return byteLengths[token] ?? 0;
    },
  };
}

// The rank table is the encoding's own vocabulary (already in memory once the encoding is loaded): entry i is
// token i, as a string when its bytes are valid UTF-8 and as the raw bytes otherwise.
function tokenByteLengths(ranks: RankTable): Uint8Array {
  const lengths = new Uint8Array(ranks.length);
  for (let token = 0; token < ranks.length; token++) {
    const entry = ranks[token]!;
    lengths[token] = typeof entry === 'string' ? Buffer.byteLength(entry, 'utf8') : entry.length;
  }
  return lengths;
}
