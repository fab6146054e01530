/**
 * Why a tweet row is in no example, one byte per row. Codes below {@link FIRST_THREAD_CODE} make a row unusable
 * (set while indexing); the others are set while threads are built and matter only if no example uses the row.
 */
export const RowCode = {
  None: 0,
  Malformed: 1,
  BadId: 2,
  BadInbound: 3,
  Duplicate: 4,
  Cycle: 16,
  NoCompanyReply: 17,
  TrailingCustomer: 18,
  LeadingCompany: 19,
  NoCustomerTweet: 20,
  BrandNotSelected: 21,
  EmptyText: 22,
  Unreached: 23,
} as const;

export type RowCode = (typeof RowCode)[keyof typeof RowCode];

export const FIRST_THREAD_CODE = 16;

const MESSAGES: Readonly<Record<number, string>> = {
  [RowCode.Malformed]: 'malformed CSV row (missing columns or text after a closing quote)',
  [RowCode.BadId]: 'tweet_id is not a number',
  [RowCode.BadInbound]: 'inbound is neither True nor False',
  [RowCode.Duplicate]: 'duplicate tweet_id (the first row with it is used)',
  [RowCode.Cycle]: 'replies form a cycle (a tweet answers, through other tweets, itself)',
  [RowCode.NoCompanyReply]: 'the thread has no company reply',
  [RowCode.TrailingCustomer]: 'customer tweet after the last company reply (nothing answers it)',
  [RowCode.LeadingCompany]: 'company tweet before the first customer tweet of its thread',
  [RowCode.NoCustomerTweet]: 'the thread has no customer tweet before the company reply',
  [RowCode.BrandNotSelected]: 'the thread is answered by a company that was not selected',
  [RowCode.EmptyText]: 'tweet text is empty after stripping',
  [RowCode.Unreached]: 'not reachable from the start of any thread (reply cycle)',
};

/** The report reason for a row code. */
export function rowCodeMessage(code: number): string {
  return MESSAGES[code] ?? MESSAGES[RowCode.Unreached]!;
}
