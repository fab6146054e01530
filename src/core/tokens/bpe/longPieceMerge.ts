import type { RankTable } from './rankTable';

/** Rank of a pair that is not a token (ranks are below 2^31). */
const NONE = 0x7fffffff;
/** Pair rank of a part that has been merged into the one before it. */
const GONE = -1;

// Scratch reused by every call, grown to the longest piece seen. Parts are a linked list keyed by their first byte.
let next = new Int32Array(0);
let previous = new Int32Array(0);
let pairRank = new Int32Array(0);
let heapRanks = new Int32Array(0);
let heapStarts = new Int32Array(0);
let heapSize = 0;

/**
 * The same merges as the plain loop of bytePairMerge.ts, in O(n log n) instead of O(n²) for a piece of n bytes:
 * candidate pairs wait in a binary heap ordered by (rank, first byte), so the smallest is the lowest rank and the
 * leftmost on ties, exactly the pair the plain loop picks. An entry is stale once its part has merged since; it is
 * skipped when popped (a part's pair can never come back with the same rank: after a merge it spans more bytes).
 * Writes the part boundaries (parts + 1 of them) to `boundaries`, which needs room for `piece.length + 1`; returns
 * the number of parts.
 */
export function mergeLongPiece(table: RankTable, piece: Uint8Array, boundaries: Int32Array): number {
  const length = piece.length;
  if (next.length < length + 1) {
    next = new Int32Array(length + 1);
    previous = new Int32Array(length + 1);
    pairRank = new Int32Array(length + 1);
    // n - 1 initial pairs, then at most two new ones per merge.
    heapRanks = new Int32Array(3 * length);
    heapStarts = new Int32Array(3 * length);
  }
  heapSize = 0;
  for (let start = 0; start < length; start++) {
    next[start] = start + 1;
    const rank = start + 2 <= length ? rankOrNone(table, piece, start, start + 2) : NONE;
    pairRank[start] = rank;
    if (rank !== NONE) push(rank, start);
  }
  for (let start = 0; start < length; start++) previous[start + 1] = start;
  while (heapSize > 0) {
    const rank = heapRanks[0]!;
    const start = heapStarts[0]!;
    pop();
    if (pairRank[start] !== rank) continue;
    const removed = next[start]!;
    const after = next[removed]!;
    next[start] = after;
    pairRank[removed] = GONE;
    if (after < length) previous[after] = start;
    updatePair(table, piece, start, length);
    if (start > 0) updatePair(table, piece, previous[start]!, length);
  }
  let parts = 0;
  for (let start = 0; start < length; start = next[start]!) boundaries[parts++] = start;
  boundaries[parts] = length;
  return parts;
}

/** Recomputes the pair of the part at `start` with the part after it, after either has grown. */
function updatePair(table: RankTable, piece: Uint8Array, start: number, length: number): void {
  const second = next[start]!;
  const rank = second < length ? rankOrNone(table, piece, start, next[second]!) : NONE;
  pairRank[start] = rank;
  if (rank !== NONE) push(rank, start);
}

function rankOrNone(table: RankTable, piece: Uint8Array, start: number, end: number): number {
  const rank = table.rankOf(piece, start, end);
  return rank < 0 ? NONE : rank;
}

function before(rankA: number, startA: number, rankB: number, startB: number): boolean {
  return rankA < rankB || (rankA === rankB && startA < startB);
}

function push(rank: number, start: number): void {
  let child = heapSize++;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    const parentRank = heapRanks[parent]!;
    const parentStart = heapStarts[parent]!;
    if (!before(rank, start, parentRank, parentStart)) break;
    heapRanks[child] = parentRank;
    heapStarts[child] = parentStart;
    child = parent;
  }
  heapRanks[child] = rank;
  heapStarts[child] = start;
}

function pop(): void {
  const size = --heapSize;
  const rank = heapRanks[size]!;
  const start = heapStarts[size]!;
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    if (
      child + 1 < size &&
      before(heapRanks[child + 1]!, heapStarts[child + 1]!, heapRanks[child]!, heapStarts[child]!)
    )
      child++;
    if (!before(heapRanks[child]!, heapStarts[child]!, rank, start)) break;
    heapRanks[parent] = heapRanks[child]!;
    heapStarts[parent] = heapStarts[child]!;
    parent = child;
  }
  heapRanks[parent] = rank;
  heapStarts[parent] = start;
}
