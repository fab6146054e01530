import { mergeLongPiece } from './longPieceMerge';
import type { RankTable } from './rankTable';

/** Rank of a pair that is not a token (ranks are below 2^31). */
const NONE = 0x7fffffff;
/** Longer pieces are merged through a heap: the plain loop's scans, quadratic in length, would dominate. */
const LONG_PIECE = 64;

// Scratch reused by every call (JS runs one call at a time per thread), grown to the longest piece seen.
let starts = new Int32Array(256);
let pairRanks = new Int32Array(256);
let pieceScratch = new Uint8Array(1024);
const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of `piece`, in a buffer that the next call overwrites: encode them before asking for another.
 * A lone surrogate becomes U+FFFD, as in the tokenisers' own TextEncoder.
 */
export function pieceBytes(piece: string): Uint8Array {
  if (piece.length * 3 > pieceScratch.length) pieceScratch = new Uint8Array(piece.length * 3);
  return pieceScratch.subarray(0, encoder.encodeInto(piece, pieceScratch).written);
}

/**
 * The tokens of one pre-token, exactly as tiktoken merges it: a piece that is itself a token is that token; else,
 * starting from single bytes, the adjacent pair whose concatenation has the lowest rank (the leftmost on ties) is
 * merged until no adjacent pair is a token. No allocation but the result (and scratch growth for a record length).
 */
export function encodePiece(table: RankTable, piece: Uint8Array): number[] {
  const whole = table.rankOf(piece, 0, piece.length);
  if (whole >= 0) return [whole];
  const parts = mergeParts(table, piece);
  const tokens = new Array<number>(parts);
  // Each part is a token: a merged one by construction, a single byte because every table has all 256.
  for (let i = 0; i < parts; i++) tokens[i] = table.rankOf(piece, starts[i]!, starts[i + 1]!);
  return tokens;
}

/** How many tokens {@link encodePiece} would return, without building them. */
export function countPiece(table: RankTable, piece: Uint8Array): number {
  return table.rankOf(piece, 0, piece.length) >= 0 ? 1 : mergeParts(table, piece);
}

/** Merges `piece` in the scratch: afterwards part i is `piece[starts[i] .. starts[i + 1])`. Returns the number of parts. */
function mergeParts(table: RankTable, piece: Uint8Array): number {
  const length = piece.length;
  if (length + 1 > starts.length) {
    starts = new Int32Array(length + 1);
    pairRanks = new Int32Array(length + 1);
  }
  return length > LONG_PIECE ? mergeLongPiece(table, piece, starts) : mergeShortPiece(table, piece, length);
}

/** tiktoken's loop: `pairRanks[i]` is the rank of parts i and i + 1 together; each merge scans them all. */
function mergeShortPiece(table: RankTable, piece: Uint8Array, length: number): number {
  const at = starts;
  const ranks = pairRanks;
  for (let i = 0; i <= length; i++) at[i] = i;
  for (let i = 0; i + 1 < length; i++) ranks[i] = rankOrNone(table, piece, i, i + 2);
  // Boundaries: parts + 1 entries in `at`; pairs: parts - 1 entries in `ranks`.
  let boundaries = length + 1;
  while (boundaries > 2) {
    let lowest = NONE;
    let best = -1;
    const pairs = boundaries - 2;
    for (let i = 0; i < pairs; i++) {
      const rank = ranks[i]!;
      if (rank < lowest) {
        lowest = rank;
        best = i;
      }
    }
    if (best < 0) break;
    // Parts best and best + 1 become one: drop the boundary between them and the pair that spanned it.
    at.copyWithin(best + 1, best + 2, boundaries);
    ranks.copyWithin(best + 1, best + 2, boundaries - 2);
    boundaries--;
    if (best + 2 < boundaries) ranks[best] = rankOrNone(table, piece, at[best]!, at[best + 2]!);
    if (best > 0) ranks[best - 1] = rankOrNone(table, piece, at[best - 1]!, at[best + 1]!);
  }
  return boundaries - 1;
}

function rankOrNone(table: RankTable, piece: Uint8Array, start: number, end: number): number {
  const rank = table.rankOf(piece, start, end);
  return rank < 0 ? NONE : rank;
}
