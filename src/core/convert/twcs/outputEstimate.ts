import { RowCode } from './rowCodes';
import { TweetFlag, type TweetIndex } from './tweetIndex';

/** What the TWCS conversion is about to write, estimated from the index before any text is read back. */
export interface OutputEstimate {
  readonly examples: number;
  readonly bytes: number;
  /** Tweets written over all examples; more than the tweets used when branches repeat the start of their thread. */
  readonly tweets: number;
}

/**
 * The output size the TWCS conversion writes without being told more: 4 × the input, and at least 256 MiB, so
 * ordinary exports convert while a handful of tweets answered over and over (hundreds of MB from kilobytes) stops.
 */
export function defaultOutputLimit(inputBytes: number): number {
  return Math.max(256 * 1024 * 1024, 4 * inputBytes);
}

/** Bytes as megabytes for messages, e.g. "812.4 MB" (decimal, as file managers show sizes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/** The branching threads would write more than the output limit; nothing was written. */
export class OutputTooLargeError extends Error {
  constructor(
    readonly estimate: OutputEstimate,
    readonly inputBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `The reply threads branch so much that the output would be about ${megabytes(estimate.bytes)} ` +
        `(${estimate.examples.toLocaleString('en-US')} examples, ${estimate.tweets.toLocaleString('en-US')} tweets) ` +
        `from ${megabytes(inputBytes)} of input, over the limit of ${megabytes(limitBytes)}: every branch repeats ` +
        'the start of its thread. Nothing was written; raise the output limit to write it anyway.',
    );
    this.name = 'OutputTooLargeError';
  }
}

// JSON around one message: {"role":"assistant","content":""}, and a comma.
const MESSAGE_OVERHEAD = 36;
// {"messages":[]} and the line end.
const EXAMPLE_OVERHEAD = 16;

const UNKNOWN = 0;
const ON_PATH = 1;
const DONE = 2;
const BROKEN = 3;

/**
 * Estimates the output of the thread planner in time linear in the rows: every branch is an example holding the
 * thread from its root, so a tweet with many answers that branch again multiplies the output; this says by how
 * much before anything is written. Per row, the bytes and tweets from the root and the company tweet a branch ends
 * with are filled in parents first, iteratively (a chain may hold every row; cycles are left out, as the planner
 * leaves them out).
 */
export function estimateOutput(
  index: TweetIndex,
  keepBrand: (brand: number) => boolean,
  systemPromptBytes: number,
): OutputEstimate {
  const { rowCount, parentRows, flags, codes, textLengths, brands } = index;
  const state = new Uint8Array(rowCount);
  const bytes = new Float64Array(rowCount);
  const tweets = new Float64Array(rowCount);
  // The company reply a branch ending at this row ends with (customer tweets after it are not written), or -1.
  const endOf = new Int32Array(rowCount).fill(-1);
  // Whether a customer tweet is on the way from the root: threads without one are no example.
  const customerAbove = new Uint8Array(rowCount);
  const hasChild = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) if (parentRows[row]! >= 0) hasChild[parentRows[row]!] = 1;
  const usable = (row: number): boolean => codes[row] === RowCode.None;
  const stack: number[] = [];

  for (let start = 0; start < rowCount; start++) {
    if (state[start] !== UNKNOWN || !usable(start)) continue;
    for (let row = start; row !== -1 && state[row] === UNKNOWN; row = parentRows[row]!) {
      state[row] = ON_PATH;
      stack.push(row);
    }
    const top = parentRows[stack[stack.length - 1]!]!;
    let broken = top !== -1 && state[top] !== DONE;
    while (stack.length > 0) {
      const row = stack.pop()!;
      const parent = parentRows[row]!;
      if (broken || (parent !== -1 && state[parent] === BROKEN)) {
        state[row] = BROKEN;
        broken = true;
        continue;
      }
      const customer = (flags[row]! & TweetFlag.Customer) !== 0;
      bytes[row] = (parent === -1 ? 0 : bytes[parent]!) + textLengths[row]! + MESSAGE_OVERHEAD;
      tweets[row] = (parent === -1 ? 0 : tweets[parent]!) + 1;
      endOf[row] = customer ? (parent === -1 ? -1 : endOf[parent]!) : row;
      customerAbove[row] = customer || (parent !== -1 && customerAbove[parent] === 1) ? 1 : 0;
      state[row] = DONE;
    }
  }

  const counted = new Uint8Array(rowCount);
  let examples = 0;
  let total = 0;
  let written = 0;
  for (let leaf = 0; leaf < rowCount; leaf++) {
    if (hasChild[leaf] === 1 || state[leaf] !== DONE) continue;
    const end = endOf[leaf]!;
    if (end === -1 || counted[end] === 1 || customerAbove[end] === 0 || !keepBrand(brands[end]!)) continue;
    counted[end] = 1;
    examples++;
    total += bytes[end]! + EXAMPLE_OVERHEAD + systemPromptBytes;
    written += tweets[end]!;
  }
  return { examples, bytes: total, tweets: written };
}
