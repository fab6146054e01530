import { FIRST_THREAD_CODE, RowCode } from './rowCodes';
import { TweetFlag, type TweetIndex } from './tweetIndex';

/** One example to write: tweet rows from the customer's first tweet to the company reply the example ends with. */
export interface ThreadPlan {
  /** Rows in conversation order. */
  readonly rows: Int32Array;
  /** The answering company: the author of the last tweet. */
  readonly brand: number;
}

/**
 * A walk up the reply links, kept in a buffer that grows with the thread (a single chain may hold every tweet of
 * the file). Each walk has its own stamp, so meeting a row stamped by the same walk is a cycle, found in time
 * linear in the walk; there is no depth limit to mistake a long thread for a cycle.
 */
class ReplyWalk {
  rows = new Int32Array(1024);
  length = 0;
  private readonly stamps: Int32Array;
  private stamp = 0;

  constructor(rowCount: number) {
    this.stamps = new Int32Array(rowCount);
  }

  start(): void {
    this.length = 0;
    this.stamp++;
  }

  /** Adds a row; false when this walk has been there before (a reply cycle). */
  push(row: number): boolean {
    if (this.stamps[row] === this.stamp) return false;
    this.stamps[row] = this.stamp;
    if (this.length === this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.length++] = row;
    return true;
  }
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
  const walk = new ReplyWalk(rowCount);
  const mark = (from: number, to: number, code: number): void => {
    for (let at = from; at < to; at++) if (codes[walk.rows[at]!] === RowCode.None) codes[walk.rows[at]!] = code;
  };

  for (let leaf = 0; leaf < rowCount; leaf++) {
    if ((codes[leaf]! !== RowCode.None && codes[leaf]! < FIRST_THREAD_CODE) || hasChild[leaf] === 1) continue;
    walk.start();
    let end = leaf;
    let cycle = false;
    while (end !== -1 && isCustomer(end)) {
      if (!walk.push(end)) {
        cycle = true;
        break;
      }
      end = parentRows[end]!;
    }
    if (cycle) {
      mark(0, walk.length, RowCode.Cycle);
      continue;
    }
    mark(0, walk.length, end === -1 ? RowCode.NoCompanyReply : RowCode.TrailingCustomer);
    if (end === -1 || ended[end] === 1) continue;
    ended[end] = 1;

    walk.start();
    for (let row = end; row !== -1 && !cycle; row = parentRows[row]!) cycle = !walk.push(row);
    const { length } = walk;
    if (cycle) {
      mark(0, length, RowCode.Cycle);
      continue;
    }
    const path = walk.rows.subarray(0, length).reverse();
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
