import { bpeSegments } from './bpeSegments';

/** Where the pre-token starting at `start` ends (see pieces/pieceScanners.ts). */
export type PieceEnd = (text: string, start: number) => number;

/** Pieces up to this length have their counts cached; longer ones are rare and mostly unique. */
const CACHED_PIECE_LENGTH = 64;
/** Cached pieces; the cache starts over when full (tens of bytes each, so a few megabytes at most). */
const MAX_CACHED_PIECES = 50_000;

/**
 * Counts tokens piece by piece: pre-tokenisation (the encoding's split pattern) by a scanner, and byte-pair merging
 * once per distinct piece. Natural text repeats its words endlessly, so almost every piece is a cache hit and a count
 * costs little more than the scan. Exact: BPE never merges across pieces.
 */
export class PieceCounter {
  private readonly cache = new Map<string, number>();

  /** `countPiece` merges one pre-token (or a segment of a huge one) and counts its tokens. */
  constructor(
    private readonly pieceEnd: PieceEnd,
    private readonly countPiece: (piece: string) => number,
  ) {}

  count(text: string): number {
    let total = 0;
    for (let start = 0; start < text.length;) {
      const end = this.pieceEnd(text, start);
      total += this.countOne(text.slice(start, end));
      start = end;
    }
    return total;
  }

  private countOne(piece: string): number {
    const cached = this.cache.get(piece);
    if (cached !== undefined) return cached;
    if (piece.length > CACHED_PIECE_LENGTH) return this.countLong(piece);
    const count = this.countPiece(piece);
    if (this.cache.size >= MAX_CACHED_PIECES) this.cache.clear();
    this.cache.set(piece, count);
    return count;
  }

  // Merging is quadratic in a piece's length: megabytes without a break (base64, "xxxx…") are cut into segments.
  private countLong(piece: string): number {
    let total = 0;
    for (const segment of bpeSegments(piece)) total += this.countPiece(segment);
    return total;
  }
}
