import { chatLine } from '../chatMessages';
import {
  ConvertSetupError,
  type ChatMessage,
  type Conversion,
  type ReadAt,
  type StreamOptions,
  type TwcsOptions,
} from '../model';
import { ReportBuilder } from '../report';
import { trackInput } from '../trackedInput';
import { checkedUtf8 } from '../inputEncoding';
import {
  defaultOutputLimit,
  estimateOutput,
  megabytes,
  OutputTooLargeError,
  type OutputEstimate,
} from './outputEstimate';
import { scanCsvRecords } from './recordScanner';
import { RowCode, rowCodeMessage } from './rowCodes';
import { planThreads, type ThreadPlan } from './threadPlanner';
import { TweetFlag, TweetIndexBuilder, type TweetIndex } from './tweetIndex';
import { cleanTweet } from './tweetText';
import { readTextBytes } from './textReader';

const COMMA = 44;
// Plans are written in batches so their texts come in with a few large reads instead of one read per tweet.
const BATCH_ROWS = 16 * 1024;

interface Turn {
  readonly role: 'user' | 'assistant';
  content: string;
  /** Indexes into the plan's rows. */
  readonly from: number;
  to: number;
}

/** A keep/drop flag per brand index for the brand filter (all kept without one). */
function brandSelection(
  brands: readonly string[] | undefined,
  brandNames: readonly string[],
  warn: (message: string) => void,
): (brand: number) => boolean {
  if (brands === undefined || brands.length === 0) return () => true;
  const wanted = new Set(brands.map((brand) => brand.toLowerCase()));
  const kept = brandNames.map((name) => wanted.has(name.toLowerCase()));
  const present = new Set(brandNames.map((name) => name.toLowerCase()));
  for (const brand of brands) if (!present.has(brand.toLowerCase())) warn(`no company "${brand}" answers in this file`);
  return (brand) => kept[brand] === true;
}

/**
 * Twitter customer support (Kaggle `twcs.csv`) → OpenAI chat. Two passes with bounded memory:
 * 1. the input is scanned once and only numbers are kept per tweet (ids, parent row, text offset and length, flags,
 *    brand): about 40 bytes a tweet while indexing, 30 afterwards, never the texts;
 * 2. threads are rebuilt from parent links and written in file order of each branch's last tweet, reading texts back
 *    through `stream.readAt` in merged ranges, a batch of about 16 K tweets at a time.
 * Each branch of a thread is its own example. Customer tweets are `user`, company tweets `assistant`; consecutive
 * tweets of one side are joined with a newline; examples start with the customer and end with the company.
 */
export function convertTwcsToChat(
  input: AsyncIterable<Uint8Array>,
  options: TwcsOptions = {},
  stream: StreamOptions = {},
): Conversion {
  const readAt: ReadAt | undefined = stream.readAt;
  if (readAt === undefined)
    throw new ConvertSetupError(
      'The TWCS conversion reads tweet texts back by offset, so it needs random access to the input (readAt).',
    );
  const read: ReadAt = readAt;
  if (stream.encoding !== undefined && stream.encoding !== 'utf-8')
    throw new ConvertSetupError(
      `The TWCS conversion reads UTF-8 only; convert the ${stream.encoding} file with convertFile, which decodes it first.`,
    );
  const report = new ReportBuilder();

  async function* lines(): AsyncGenerator<string> {
    const { index, badParentIds, inputBytes } = await indexTweets();
    report.read = index.rowCount;
    if (badParentIds > 0)
      report.warn(`${badParentIds} rows have an in_response_to_tweet_id that is not a number; each starts a thread`);
    const keepBrand = brandSelection(options.brands, index.brandNames, (message) => report.warn(message));
    const estimate = estimateOutput(index, keepBrand, Buffer.byteLength(options.systemPrompt ?? ''));
    checkOutputSize(estimate, inputBytes, index.rowCount);
    const used = new Uint8Array(index.rowCount);
    let batch: ThreadPlan[] = [];
    let batchRows = 0;
    for (const plan of planThreads(index, keepBrand)) {
      batch.push(plan);
      batchRows += plan.rows.length;
      if (batchRows < BATCH_ROWS) continue;
      yield* writeBatch(batch, index, used);
      stream.signal?.throwIfAborted();
      batch = [];
      batchRows = 0;
    }
    yield* writeBatch(batch, index, used);
    for (let row = 0; row < index.rowCount; row++) {
      if (used[row] === 0) report.skip(index.lines[row]!, rowCodeMessage(index.codes[row]!));
      else report.converted++;
    }
  }

  /**
   * Stops before writing when branching threads would make the output larger than the limit (each branch repeats
   * its thread's start, so a small file can make gigabytes), and warns when they multiply the output at all.
   */
  function checkOutputSize(estimate: OutputEstimate, inputBytes: number, tweets: number): void {
    const limit = options.maxOutputBytes ?? defaultOutputLimit(inputBytes);
    if (limit > 0 && estimate.bytes > limit) throw new OutputTooLargeError(estimate, inputBytes, limit);
    if (estimate.bytes > 2 * inputBytes)
      report.warn(
        `reply threads branch: ${estimate.examples.toLocaleString('en-US')} examples repeat the start of their thread (${estimate.tweets.toLocaleString('en-US')} tweets written from ${tweets.toLocaleString('en-US')} rows): about ${megabytes(estimate.bytes)} from ${megabytes(inputBytes)} of input`,
      );
  }

  /** Pass 1. The builder's id columns are garbage once parents are resolved, so it stays local to this function. */
  async function indexTweets(): Promise<{ index: TweetIndex; badParentIds: number; inputBytes: number }> {
    const builder = new TweetIndexBuilder();
    let inputBytes = 0;
    const counted = trackInput(input, {
      ...stream,
      onProgress: (bytes) => ((inputBytes = bytes), stream.onProgress?.(bytes)),
    });
    await scanCsvRecords(checkedUtf8(counted, { rejectCrOnly: true }), COMMA, (view) => builder.add(view));
    return { index: builder.finish(), badParentIds: builder.badParentIds, inputBytes };
  }

  async function* writeBatch(
    batch: readonly ThreadPlan[],
    index: TweetIndex,
    used: Uint8Array,
  ): AsyncGenerator<string> {
    if (batch.length === 0) return;
    const rows = uniqueSortedRows(batch);
    const bytes = await readTextBytes(rows, index.textOffsets, index.textLengths, read);
    const texts = new Map<number, string>();
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at]!;
      const flags = index.flags[row]!;
      const raw = bytes[at]!.toString('utf8');
      const text = (flags & TweetFlag.EscapedQuotes) !== 0 ? raw.replaceAll('""', '"') : raw;
      texts.set(row, cleanTweet(text, (flags & TweetFlag.Customer) === 0, options));
    }
    for (const plan of batch) {
      const line = exampleLine(plan, texts, index, used);
      if (line !== undefined) {
        report.written++;
        yield line;
      }
    }
  }

  /** The example's JSON line, or undefined (with row codes set) when stripping left no user or no assistant turn. */
  function exampleLine(
    plan: ThreadPlan,
    texts: ReadonlyMap<number, string>,
    index: TweetIndex,
    used: Uint8Array,
  ): string | undefined {
    const { rows } = plan;
    const setCode = (row: number, code: number): void => {
      if (index.codes[row] === RowCode.None) index.codes[row] = code;
    };
    const turns: Turn[] = [];
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at]!;
      const text = texts.get(row)!;
      if (text === '') {
        setCode(row, RowCode.EmptyText);
        continue;
      }
      const role = (index.flags[row]! & TweetFlag.Customer) !== 0 ? 'user' : 'assistant';
      const last = turns[turns.length - 1];
      if (last?.role === role) {
        last.content += `\n${text}`;
        last.to = at + 1;
      } else {
        turns.push({ role, content: text, from: at, to: at + 1 });
      }
    }
    // Stripping can empty tweets and expose company turns at the start or customer turns at the end.
    let first = 0;
    while (first < turns.length && turns[first]!.role !== 'user') first++;
    let end = turns.length;
    while (end > first && turns[end - 1]!.role !== 'assistant') end--;
    if (first === end) {
      const code = first < turns.length ? RowCode.NoCompanyReply : RowCode.NoCustomerTweet;
      for (const row of rows) setCode(row, code);
      return undefined;
    }
    for (let turn = 0; turn < turns.length; turn++) {
      const code = turn < first ? RowCode.LeadingCompany : turn >= end ? RowCode.TrailingCustomer : undefined;
      for (let at = turns[turn]!.from; at < turns[turn]!.to; at++) {
        if (code !== undefined) setCode(rows[at]!, code);
        else if (texts.get(rows[at]!) !== '') used[rows[at]!] = 1;
      }
    }
    const messages: ChatMessage[] = [];
    if (options.systemPrompt !== undefined && options.systemPrompt.trim() !== '') {
      messages.push({
        role: 'system',
        content: options.systemPrompt.replaceAll('{brand}', index.brandNames[plan.brand] ?? ''),
      });
    }
    for (let turn = first; turn < end; turn++)
      messages.push({ role: turns[turn]!.role, content: turns[turn]!.content });
    return chatLine(messages);
  }

  return { lines: lines(), report: () => report.toReport() };
}

/** The distinct rows of a batch's plans, in file order (which is offset order). */
function uniqueSortedRows(batch: readonly ThreadPlan[]): Int32Array {
  let total = 0;
  for (const plan of batch) total += plan.rows.length;
  const rows = new Int32Array(total);
  let filled = 0;
  for (const plan of batch) {
    rows.set(plan.rows, filled);
    filled += plan.rows.length;
  }
  rows.sort();
  let unique = 0;
  for (let at = 0; at < rows.length; at++) if (at === 0 || rows[at] !== rows[unique - 1]) rows[unique++] = rows[at]!;
  return rows.subarray(0, unique);
}
