import { FIRST_THREAD_CODE, RowCode } from './rowCodes';
import { TweetFlag, type TweetIndex } from './tweetIndex';

/** Longer reply chains are taken for cycles (real ones hold a few dozen tweets at most). */
export const MAX_THREAD_TWEETS = 10_000;

/** One example to write: tweet rows from the customer's first tweet to the company reply the example ends with. */
export interface ThreadPlan {
  /** Rows in conversation order. */
  readonly rows: Int32Array;
  /** The answering company: the author of the last tweet. */
  readonly brand: number;
}

/**
 * Yields one plan per distinct thread end, leaves in file order. Each branch (a tweet answered more than once)
 * is its own example sharing the start. Walking up from a leaf passes over customer tweets nobody answered to the
 * last company reply; branches ending at the same reply give one example. Leading company tweets are left out.
 * Rows that end up in no plan get a {@link RowCode} in `index.codes` (the first code given to a row stays).
 */
export function* planThreads(index: TweetIndex, keepBrand: (brand: number) => boolean): Generator<ThreadPlan> {
  const { rowCount, parentRows, flags, codes, brands } = index;
  const isCustomer = (row: number): boolean => (flags[row]! & TweetFlag.Customer) !== 0;
  const hasChild = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) if (parentRows[row]! >= 0) hasChild[parentRows[row]!] = 1;
  const ended = new Uint8Array(rowCount);
  const path = new Int32Array(MAX_THREAD_TWEETS);
  const mark = (from: number, to: number, code: number): void => {
    for (let at = from; at < to; at++) if (codes[path[at]!] === RowCode.None) codes[path[at]!] = code;
  };

  for (let leaf = 0; leaf < rowCount; leaf++) {
    if ((codes[leaf]! !== RowCode.None && codes[leaf]! < FIRST_THREAD_CODE) || hasChild[leaf] === 1) continue;
    let length = 0;
    let end = leaf;
    while (end !== -1 && isCustomer(end) && length < MAX_THREAD_TWEETS) {
      path[length++] = end;
      end = parentRows[end]!;
    }
    if (end !== -1 && isCustomer(end)) {
      mark(0, length, RowCode.Cycle);
      continue;
    }
    mark(0, length, end === -1 ? RowCode.NoCompanyReply : RowCode.TrailingCustomer);
    if (end === -1 || ended[end] === 1) continue;
    ended[end] = 1;

    length = 0;
    let row = end;
    while (row !== -1 && length < MAX_THREAD_TWEETS) {
      path[length++] = row;
      row = parentRows[row]!;
    }
    if (row !== -1) {
      mark(0, length, RowCode.Cycle);
      continue;
    }
    path.subarray(0, length).reverse();
    let first = 0;
    while (first < length && !isCustomer(path[first]!)) first++;
    if (first === length) {
      mark(0, length, RowCode.NoCustomerTweet);
      continue;
    }
    mark(0, first, RowCode.LeadingCompany);
    if (!keepBrand(brands[end]!)) {
      mark(first, length, RowCode.BrandNotSelected);
      continue;
    }
    yield { rows: path.slice(first, length), brand: brands[end]! };
  }
}
