import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord } from 'csv-parse';

/** A CSV record with the one-based line it starts on, or a record csv-parse could not read. */
export type CsvRecord =
  { readonly cells: string[]; readonly line: number } | { readonly error: string; readonly line: number };

// Guards against a stray quote swallowing the rest of the file while leaving room for long answers.
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * A quote opens a cell and is never closed (or the cell grows past {@link MAX_RECORD_CHARS}): every later row would
 * be part of that cell, so the conversion stops instead of quietly converting less than the file holds.
 */
export class UnclosedQuoteError extends Error {
  constructor(
    /** One-based line of the record with the open quote. */
    readonly line: number,
    readonly detail: string,
    /** The input's path, once a caller that knows it names it ({@link about}). */
    path?: string,
  ) {
    super(
      `${path === undefined ? '' : `${path}: `}the CSV record on line ${line} opens a quote that is never closed: ${detail}`,
    );
    this.name = 'UnclosedQuoteError';
  }

  /** The same error naming the file. */
  about(path: string): UnclosedQuoteError {
    return new UnclosedQuoteError(this.line, this.detail, path);
  }
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** Line ends (CRLF, LF or CR alone) inside the cells of one record. */
function lineBreaksIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    count += cell.match(LINE_BREAK)?.length ?? 0;
  }
  return count;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Line ends in bytes[from, to): CRLF, LF and CR alone count one each, as editors count them. */
function lineBreaks(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LF, from); at !== -1 && at < to; at = bytes.indexOf(LF, at + 1)) count++;
  for (let at = bytes.indexOf(CR, from); at !== -1 && at < to; at = bytes.indexOf(CR, at + 1))
    if (bytes[at + 1] !== LF || at + 1 >= to) count++;
  return count;
}

/**
 * Which is the last line with more than blanks. Counted with native searches for line ends (a byte loop cost 4 %
 * of a CSV conversion): the line ends of every chunk, and those after the last byte of text.
 */
class LineTracker {
  private breaks = 0;
  private breaksAfterText = 0;
  private sawText = false;

  get lastWithText(): number {
    return this.sawText ? 1 + this.breaks - this.breaksAfterText : 0;
  }

  async *track(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let endedWithCr = false;
    for await (const chunk of chunks) {
      // A CRLF split between chunks was counted twice: as CR here and LF there.
      const split = endedWithCr && chunk[0] === LF ? 1 : 0;
      const breaks = lineBreaks(chunk, 0, chunk.length) - split;
      let last = chunk.length - 1;
      while (last >= 0 && (chunk[last] === LF || chunk[last] === CR || chunk[last] === SPACE || chunk[last] === TAB))
        last--;
      this.breaks += breaks;
      if (last >= 0) {
        this.sawText = true;
        this.breaksAfterText = lineBreaks(chunk, last + 1, chunk.length);
      } else {
        this.breaksAfterText += breaks;
      }
      if (chunk.length > 0) endedWithCr = chunk[chunk.length - 1] === CR;
      yield chunk;
    }
  }
}

/**
 * Streams CSV records with csv-parse (RFC 4180 quoting, BOM, CRLF; stray quotes inside unquoted fields are kept).
 * Blank lines are passed over but counted in line numbers. Unreadable records come out as errors, in file order.
 */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array>, delimiter: string): AsyncGenerator<CsvRecord> {
  // csv-parse's callbacks run in parser order, ahead of the consumer below: they queue start lines and errors.
  const startLines: number[] = [];
  const errors: { error: string; line: number }[] = [];
  let lastEndLine = 0;
  let lastEmptyLines = 0;
  let unclosed: UnclosedQuoteError | undefined;
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_record: (cells: string[], context: InfoRecord) => {
      const start = lastEndLine + 1 + (context.empty_lines - lastEmptyLines);
      startLines.push(start);
      // csv-parse's own count (context.lines) takes a CRLF inside quotes for two lines; line ends inside a record
      // are all in its quoted cells, so they are counted there.
      lastEndLine = start + lineBreaksIn(cells);
      lastEmptyLines = context.empty_lines;
      return cells;
    },
    on_skip: (error: CsvError | undefined) => {
      const emptyLines = typeof error?.['empty_lines'] === 'number' ? error['empty_lines'] : lastEmptyLines;
      const line = lastEndLine + 1 + (emptyLines - lastEmptyLines);
      // On the last line with text an open quote takes nothing else in: that row alone is skipped.
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED' && lines.lastWithText > line) {
        unclosed ??= new UnclosedQuoteError(
          line,
          // csv-parse's line count is off for CRLF inside quotes, so no end line is named.
          'every row after it, to the end of the file, would be part of that cell. Nothing was converted; close or remove the quote.',
        );
      } else if (error?.code === 'CSV_MAX_RECORD_SIZE') {
        unclosed ??= new UnclosedQuoteError(
          line,
          `its cell runs past ${MAX_RECORD_CHARS / 1024 / 1024} MiB, taking in the rows after it. Nothing was converted; close or remove the quote.`,
        );
      }
      // csv-parse's own message names a line by its count, which is off after CRLF inside quotes.
      const reason =
        error?.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opens a cell on this line and is never closed'
          : (error?.message ?? 'unreadable record');
      errors.push({ line, error: `malformed CSV: ${reason}` });
      lastEndLine = typeof error?.['lines'] === 'number' ? error['lines'] : lastEndLine + 1;
      return undefined;
    },
  });
  const lines = new LineTracker();
  const source = Readable.from(lines.track(chunks));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    let next = 0;
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (unclosed !== undefined) throw unclosed;
      const line = startLines[next++]!;
      while (errors.length > 0 && errors[0]!.line < line) yield errors.shift()!;
      yield { cells, line };
      if (next > 4096) {
        startLines.splice(0, next);
        next = 0;
      }
    }
    if (unclosed !== undefined) throw unclosed;
    yield* errors;
  } finally {
    source.destroy();
  }
}
