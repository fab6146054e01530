/** What {@link sniffCsv} found out about a CSV file from its first lines. */
export interface CsvSniff {
  /** One of `,` `\t` `;` `|`; `,` when no candidate splits the lines consistently. */
  readonly delimiter: string;
  /** Whether the first row looks like column titles. */
  readonly hasHeader: boolean;
  /** Column titles when there is a header, else the 0-based indexes as strings ("0", "1", ...). */
  readonly columns: readonly string[];
  /** Up to five data rows, for showing the user what each column holds. */
  readonly preview: readonly (readonly string[])[];
}

const CANDIDATES = [',', '\t', ';', '|'];
const MAX_SAMPLE_RECORDS = 50;
const PREVIEW_ROWS = 5;

/**
 * Splits text into records with RFC 4180 quoting (quoted fields may hold delimiters, `""` and newlines). Unless
 * `isWholeText`, a last record without a line end may be cut off, so it is dropped when others were found.
 */
export function parseSampleRecords(
  text: string,
  delimiter: string,
  isWholeText = false,
  maxRecords = MAX_SAMPLE_RECORDS,
): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && records.length < maxRecords; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') {
        field += char;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  const pending = field !== '' || record.length > 0;
  if (pending && i >= text.length && (isWholeText || records.length === 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** How consistently a delimiter splits the records: share of records with the most common field count (> 1). */
function consistency(records: readonly string[][]): number {
  const counts = new Map<number, number>();
  for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  let best = 0;
  for (const [fields, count] of counts) if (fields > 1 && count > best) best = count;
  return records.length === 0 ? 0 : best / records.length;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TITLE = /^[\p{L}_][\p{L}\p{N}_ .()/-]{0,39}$/u;

function isNumber(text: string): boolean {
  return NUMBER.test(text.trim());
}

function isTitleLike(text: string): boolean {
  return TITLE.test(text.trim());
}

/**
 * Header heuristic: the first row has distinct, non-empty, non-numeric cells and either a column below it is all
 * numbers, or the titles look like names while the data does not, or the data cells are much longer.
 */
function looksLikeHeader(records: readonly string[][]): boolean {
  const [first, ...rest] = records;
  if (first === undefined) return false;
  const titles = first.map((cell) => cell.trim());
  if (titles.some((title) => title === '' || isNumber(title)) || new Set(titles).size !== titles.length) return false;
  if (rest.length === 0) return titles.every(isTitleLike);
  for (let column = 0; column < titles.length; column++) {
    const values = rest.map((row) => row[column]?.trim() ?? '').filter((value) => value !== '');
    if (values.length > 0 && values.every(isNumber)) return true;
  }
  const dataCells = rest.flat().filter((cell) => cell.trim() !== '');
  if (titles.every(isTitleLike) && dataCells.some((cell) => !isTitleLike(cell))) return true;
  const meanLength = (cells: readonly string[]): number =>
    cells.reduce((sum, cell) => sum + cell.length, 0) / Math.max(1, cells.length);
  return meanLength(dataCells) >= 3 * meanLength(titles);
}

/**
 * Guesses the delimiter and whether there is a header from the start of a CSV/TSV file (a few KiB are enough).
 * Pass `isWholeFile` when `sample` is the entire file, so its last line counts even without a line end.
 */
export function sniffCsv(sample: string, isWholeFile = false): CsvSniff {
  let delimiter = ',';
  let bestScore = 0;
  let records: string[][] = parseSampleRecords(sample, ',', isWholeFile);
  for (const candidate of CANDIDATES) {
    const parsed = candidate === ',' ? records : parseSampleRecords(sample, candidate, isWholeFile);
    const score = consistency(parsed);
    if (score > bestScore) {
      delimiter = candidate;
      bestScore = score;
      records = parsed;
    }
  }
  const hasHeader = looksLikeHeader(records);
  const width = records.reduce((widest, record) => Math.max(widest, record.length), 0);
  const columns = hasHeader
    ? records[0]!.map((cell) => cell.trim())
    : Array.from({ length: width }, (_, index) => String(index));
  return {
    delimiter,
    hasHeader,
    columns,
    preview: records.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + PREVIEW_ROWS),
  };
}
