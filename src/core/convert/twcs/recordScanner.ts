import { UnclosedQuoteError } from '../csv/csvRecords';

/**
 * The current CSV record as byte spans, reused from record to record (copy what you keep). csv-parse yields
 * strings but not where fields sit in the file; TWCS indexing needs exactly those offsets and no strings.
 */
export interface RecordView {
  /** Holds the record; spans index into it. */
  bytes: Buffer;
  /** Offset of `bytes[0]` in the whole input. */
  base: number;
  /** One-based line where the record starts. */
  line: number;
  /** Fields in the record; spans are kept for the first {@link MAX_FIELDS}. */
  fieldCount: number;
  /** Field content: inside the quotes for quoted fields, without a `\r` before the line end. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 when a quoted field holds `""` pairs, which stand for one quote each. */
  readonly escaped: Uint8Array;
  /** Text after a closing quote, or a quote never closed before the end of the input. */
  malformed: boolean;
  /** Lines after its own that a quote never closed took in (the scan then stops with an error). */
  swallowedLines: number;
}

export const MAX_FIELDS = 64;
const QUOTE = 34;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const INCOMPLETE = -1;

function newView(): RecordView {
  return {
    bytes: Buffer.alloc(0),
    base: 0,
    line: 1,
    fieldCount: 0,
    starts: new Int32Array(MAX_FIELDS),
    ends: new Int32Array(MAX_FIELDS),
    escaped: new Uint8Array(MAX_FIELDS),
    malformed: false,
    swallowedLines: 0,
  };
}

function setField(view: RecordView, start: number, end: number, escaped: number): void {
  const index = view.fieldCount++;
  if (index >= MAX_FIELDS) return;
  view.starts[index] = start;
  view.ends[index] = end;
  view.escaped[index] = escaped;
}

function countNewlines(bytes: Buffer, start: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, start); at !== -1 && at < end; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/**
 * Parses the record at `start` into `view`. Returns the offset after its line end, or INCOMPLETE when the buffer
 * ends inside it and more input may follow. `newlines` receives the line ends inside quoted fields.
 */
function parseRecord(
  view: RecordView,
  bytes: Buffer,
  start: number,
  final: boolean,
  delimiter: number,
  newlines: { count: number },
): number {
  const length = bytes.length;
  view.fieldCount = 0;
  view.malformed = false;
  view.swallowedLines = 0;
  newlines.count = 0;
  let at = start;
  for (;;) {
    let fieldStart = at;
    if (bytes[at] === QUOTE) {
      const open = at;
      let escaped = 0;
      let close = bytes.indexOf(QUOTE, open + 1);
      // A quote followed by a quote is an escaped quote; the quote before the field's end needs one byte of lookahead.
      while (close !== -1 && close + 1 < length && bytes[close + 1] === QUOTE) {
        escaped = 1;
        close = bytes.indexOf(QUOTE, close + 2);
      }
      if (!final && (close === -1 || close + 2 >= length)) return INCOMPLETE;
      if (close === -1) {
        view.malformed = true;
        newlines.count += countNewlines(bytes, open + 1, length);
        // The quote took in the lines after its own: every later row would be lost in this one field.
        const lastLineEnd = bytes[length - 1] === NEWLINE ? length - 1 : length;
        view.swallowedLines = countNewlines(bytes, open + 1, lastLineEnd);
        setField(view, open + 1, length, escaped);
        return length;
      }
      newlines.count += countNewlines(bytes, open + 1, close);
      const after = close + 1;
      const next = bytes[after];
      if (after >= length) {
        setField(view, open + 1, close, escaped);
        return length;
      }
      if (next === delimiter) {
        setField(view, open + 1, close, escaped);
        at = after + 1;
        continue;
      }
      if (next === NEWLINE || (next === CARRIAGE_RETURN && (after + 1 >= length || bytes[after + 1] === NEWLINE))) {
        setField(view, open + 1, close, escaped);
        return next === NEWLINE ? after + 1 : Math.min(length, after + 2);
      }
      // Text after the closing quote: keep the raw field up to the next delimiter or line end, and flag the record.
      view.malformed = true;
      fieldStart = open;
      at = after;
    }
    let end = at;
    while (end < length && bytes[end] !== delimiter && bytes[end] !== NEWLINE) end++;
    if (end >= length && !final) return INCOMPLETE;
    const contentEnd =
      end > fieldStart && bytes[end - 1] === CARRIAGE_RETURN && (end >= length || bytes[end] === NEWLINE)
        ? end - 1
        : end;
    setField(view, fieldStart, contentEnd, 0);
    if (end >= length) return length;
    if (bytes[end] === NEWLINE) return end + 1;
    at = end + 1;
  }
}

/**
 * Scans RFC 4180 CSV bytes record by record (quoted fields with delimiters, `""` and newlines; CRLF; a UTF-8 BOM),
 * calling `onRecord` with byte spans. Blank lines are passed over. Memory holds one chunk plus one record; a record
 * longer than `maxRecordBytes` (a quote left open) stops the scan with an error.
 */
export async function scanCsvRecords(
  chunks: AsyncIterable<Uint8Array>,
  delimiter: number,
  onRecord: (view: RecordView) => void,
  maxRecordBytes = 1024 * 1024,
): Promise<void> {
  const view = newView();
  const newlines = { count: 0 };
  let bytes: Buffer = Buffer.alloc(0);
  let base = 0;
  let line = 1;
  let first = true;

  const scan = (final: boolean): void => {
    let start = 0;
    if (first) {
      // Wait for three bytes before deciding about a BOM.
      if (bytes.length < 3 && !final) return;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
      first = false;
    }
    while (start < bytes.length) {
      const end = parseRecord(view, bytes, start, final, delimiter, newlines);
      if (end === INCOMPLETE) break;
      const blank = view.fieldCount === 1 && view.ends[0] === view.starts[0] && bytes[start] !== QUOTE;
      if (!blank) {
        view.bytes = bytes;
        view.base = base;
        view.line = line;
        if (view.swallowedLines > 0)
          throw new UnclosedQuoteError(
            line,
            `lines ${line}–${line + view.swallowedLines}, the rest of the file, would be one cell. Nothing was converted; close or remove the quote.`,
          );
        onRecord(view);
      }
      line += newlines.count + (end > 0 && bytes[end - 1] === NEWLINE ? 1 : 0);
      start = end;
    }
    if (!final && bytes.length - start > maxRecordBytes) {
      throw new UnclosedQuoteError(
        line,
        `the record runs past ${Math.round(maxRecordBytes / 1024)} KiB, taking in the rows after it. Nothing was converted; close or remove the quote.`,
      );
    }
    base += start;
    bytes = bytes.subarray(start);
  };

  for await (const chunk of chunks) {
    const next = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Copy the unfinished record: the caller may reuse the chunk's memory.
    bytes = bytes.length === 0 ? next : Buffer.concat([bytes, next]);
    scan(false);
    if (bytes.length > 0 && bytes.buffer === next.buffer) bytes = Buffer.from(bytes);
  }
  scan(true);
}
