import { float64Array, GrowableArray, uint32Array } from '../../duplicates/numberColumns';
import { ConvertSetupError } from '../model';
import { buildIdLookup } from './idLookup';
import type { RecordView } from './recordScanner';
import { RowCode } from './rowCodes';

/** Per-tweet flags. */
export const TweetFlag = { Customer: 1, EscapedQuotes: 2 } as const;

/**
 * Everything the thread builder needs about the tweets, as numbers only (about 30 bytes a tweet): texts stay in
 * the file and are read back by offset when a thread is written.
 */
export interface TweetIndex {
  readonly rowCount: number;
  /** One-based line where each row starts. */
  readonly lines: Uint32Array;
  /** Byte range of each text field's content in the input (inside the quotes). */
  readonly textOffsets: Float64Array;
  readonly textLengths: Uint32Array;
  readonly flags: Uint8Array;
  /** For company tweets, the index of the author in {@link brandNames}. */
  readonly brands: Uint32Array;
  readonly brandNames: readonly string[];
  /** {@link RowCode} per row; non-zero rows are unusable. Thread building adds its own codes. */
  readonly codes: Uint8Array;
  /** The row each tweet answers, or -1 when it starts a thread (no parent, or the parent is not in the file). */
  readonly parentRows: Int32Array;
}

const REQUIRED = ['tweet_id', 'author_id', 'inbound', 'text', 'in_response_to_tweet_id'] as const;
const EMPTY = -1;
const DOT = 46;
const uint8Array = (capacity: number): Uint8Array => new Uint8Array(capacity);
const COMMA = 44;

/** A non-negative integer id from bytes (pandas may write `123.0`); EMPTY for no bytes, NaN when not an id. */
function parseId(bytes: Buffer, start: number, end: number): number {
  if (start === end) return EMPTY;
  let value = 0;
  let at = start;
  for (; at < end; at++) {
    const digit = bytes[at]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (at === start) return NaN;
  if (at < end) {
    if (bytes[at] !== DOT || at + 1 === end) return NaN;
    for (at++; at < end; at++) if (bytes[at] !== 48) return NaN;
  }
  return Number.isSafeInteger(value) ? value : NaN;
}

/** Builds a {@link TweetIndex} from the records of a TWCS file, header first. */
export class TweetIndexBuilder {
  private columns: (Record<(typeof REQUIRED)[number], number> & { responses: number }) | undefined;
  private readonly ids = new GrowableArray(float64Array, 1 << 16);
  private readonly parentIds = new GrowableArray(float64Array, 1 << 16);
  private readonly textOffsets = new GrowableArray(float64Array, 1 << 16);
  private readonly textLengths = new GrowableArray(uint32Array, 1 << 16);
  private readonly lines = new GrowableArray(uint32Array, 1 << 16);
  private readonly brands = new GrowableArray(uint32Array, 1 << 16);
  private readonly flags = new GrowableArray(uint8Array, 1 << 16);
  private readonly codes = new GrowableArray(uint8Array, 1 << 16);
  private readonly responseFrom = new GrowableArray(uint32Array, 1 << 12);
  private readonly responseTo = new GrowableArray(float64Array, 1 << 12);
  private readonly brandNames: string[] = [];
  private readonly brandIndexes = new Map<string, number>();
  /** Rows whose in_response_to_tweet_id was not a number; they start a thread. */
  badParentIds = 0;

  add(view: RecordView): void {
    if (this.columns === undefined) {
      this.readHeader(view);
      return;
    }
    const columns = this.columns;
    const row = this.ids.length;
    const { bytes, starts, ends } = view;
    const needed = Math.max(
      columns.tweet_id,
      columns.author_id,
      columns.inbound,
      columns.text,
      columns.in_response_to_tweet_id,
      columns.responses,
    );
    this.lines.push(view.line);
    if (view.malformed || view.fieldCount <= needed) {
      this.pushUnusable(RowCode.Malformed);
      return;
    }
    const id = parseId(bytes, starts[columns.tweet_id]!, ends[columns.tweet_id]!);
    const inboundStart = starts[columns.inbound]!;
    const inboundLength = ends[columns.inbound]! - inboundStart;
    const first = bytes[inboundStart]! | 0x20;
    const customer = inboundLength === 4 && first === 0x74;
    const company = inboundLength === 5 && first === 0x66;
    if (!(id >= 0)) {
      this.pushUnusable(RowCode.BadId);
      return;
    }
    if (!customer && !company) {
      this.pushUnusable(RowCode.BadInbound);
      return;
    }
    const parentId = parseId(bytes, starts[columns.in_response_to_tweet_id]!, ends[columns.in_response_to_tweet_id]!);
    if (Number.isNaN(parentId)) this.badParentIds++;
    this.ids.push(id);
    this.parentIds.push(parentId >= 0 ? parentId : NaN);
    this.textOffsets.push(view.base + starts[columns.text]!);
    this.textLengths.push(ends[columns.text]! - starts[columns.text]!);
    this.brands.push(
      company ? this.brandIndex(bytes.toString('utf8', starts[columns.author_id], ends[columns.author_id])) : 0,
    );
    this.flags.push(
      (customer ? TweetFlag.Customer : 0) | (view.escaped[columns.text] === 1 ? TweetFlag.EscapedQuotes : 0),
    );
    this.codes.push(RowCode.None);
    if (columns.responses >= 0) this.addResponses(row, bytes, starts[columns.responses]!, ends[columns.responses]!);
  }

  /** Resolves ids to rows: duplicates become unusable, parents become row numbers. */
  finish(): TweetIndex {
    const rowCount = this.ids.length;
    const ids = this.ids.view();
    const codes = this.codes.view();
    const lookup = buildIdLookup(
      ids,
      (row) => codes[row] === RowCode.None,
      (row) => (codes[row] = RowCode.Duplicate),
    );
    const parentIds = this.parentIds.view();
    const parentRows = new Int32Array(rowCount).fill(-1);
    for (let row = 0; row < rowCount; row++) {
      if (codes[row] !== RowCode.None) continue;
      const parent = lookup.rowOf(parentIds[row]!);
      if (parent !== row && parent !== -1 && codes[parent] === RowCode.None) parentRows[row] = parent;
    }
    // response_tweet_id names children too; it links a child only when the child names no parent itself.
    const from = this.responseFrom.view();
    const to = this.responseTo.view();
    for (let edge = 0; edge < from.length; edge++) {
      const child = lookup.rowOf(to[edge]!);
      const parent = from[edge]!;
      if (child === -1 || child === parent || codes[child] !== RowCode.None || codes[parent] !== RowCode.None) continue;
      if (Number.isNaN(parentIds[child]!) && parentRows[child] === -1) parentRows[child] = parent;
    }
    return {
      rowCount,
      lines: this.lines.view(),
      textOffsets: this.textOffsets.view(),
      textLengths: this.textLengths.view(),
      flags: this.flags.view(),
      brands: this.brands.view(),
      brandNames: this.brandNames,
      codes,
      parentRows,
    };
  }

  private readHeader(view: RecordView): void {
    const titles: string[] = [];
    for (let field = 0; field < Math.min(view.fieldCount, view.starts.length); field++) {
      titles.push(view.bytes.toString('utf8', view.starts[field], view.ends[field]).trim().toLowerCase());
    }
    const missing = REQUIRED.filter((name) => !titles.includes(name));
    if (missing.length > 0) {
      throw new ConvertSetupError(
        `Not a Twitter customer-support (twcs.csv) file: the header lacks ${missing.join(', ')}. Expected tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id.`,
      );
    }
    const column = (name: string): number => titles.indexOf(name);
    this.columns = {
      tweet_id: column('tweet_id'),
      author_id: column('author_id'),
      inbound: column('inbound'),
      text: column('text'),
      in_response_to_tweet_id: column('in_response_to_tweet_id'),
      responses: column('response_tweet_id'),
    };
  }

  private pushUnusable(code: number): void {
    this.ids.push(NaN);
    this.parentIds.push(NaN);
    this.textOffsets.push(0);
    this.textLengths.push(0);
    this.brands.push(0);
    this.flags.push(0);
    this.codes.push(code);
  }

  private brandIndex(name: string): number {
    const known = this.brandIndexes.get(name);
    if (known !== undefined) return known;
    this.brandNames.push(name);
    this.brandIndexes.set(name, this.brandNames.length - 1);
    return this.brandNames.length - 1;
  }

  private addResponses(row: number, bytes: Buffer, start: number, end: number): void {
    let idStart = start;
    for (let at = start; at <= end; at++) {
      if (at < end && bytes[at] !== COMMA) continue;
      const id = parseId(bytes, idStart, at);
      if (id >= 0) {
        this.responseFrom.push(row);
        this.responseTo.push(id);
      }
      idStart = at + 1;
    }
  }
}
