import { chatLine } from '../chatMessages';
import {
  ConvertSetupError,
  type Conversion,
  type CsvConvertOptions,
  type CsvMapping,
  type StreamOptions,
} from '../model';
import { ReportBuilder } from '../report';
import { trackInput } from '../trackedInput';
import { checkedUtf8, decodedToUtf8 } from '../inputEncoding';
import { readCsvRecords } from './csvRecords';
import {
  conversationMessages,
  ConversationGrouper,
  orderRows,
  type ConversationRows,
  type TurnRow,
} from './conversationGroups';
import { sniffCsv } from './sniff';

const SNIFF_BYTES = 64 * 1024;

interface ColumnIndexes {
  readonly user: number;
  readonly assistant: number;
  readonly id: number | undefined;
  readonly order: number | undefined;
}

/** Reads chunks until `bytes` are buffered; returns them and an iterable that replays them, then the rest. */
async function peek(
  input: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Buffer; isWhole: boolean; all: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      yield* chunks;
      if (!done)
        for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      // Closes the source (e.g. a file stream) when the reader stops early.
      await iterator.return?.();
    }
  }
  return { head: Buffer.concat(chunks), isWhole: done, all: all() };
}

function resolveColumn(column: string | number, header: readonly string[] | undefined, role: string): number {
  if (typeof column === 'number') return column;
  const named = header?.findIndex((title) => title.trim() === column.trim()) ?? -1;
  if (named !== -1) return named;
  if (/^\d+$/.test(column.trim())) return Number(column.trim());
  const known =
    header === undefined
      ? 'the file has no header row, so give 0-based column indexes'
      : `columns are ${header.map((title) => JSON.stringify(title)).join(', ')}`;
  throw new ConvertSetupError(`No ${role} column ${JSON.stringify(column)}: ${known}.`);
}

/** Whether the mapping names a column by title rather than by index. */
function namesColumns(mapping: CsvMapping): boolean {
  const columns = [mapping.userColumn, mapping.assistantColumn, mapping.idColumn, mapping.orderColumn];
  return columns.some((column) => typeof column === 'string' && !/^\d+$/.test(column.trim()));
}

function resolveColumns(mapping: CsvMapping, header: readonly string[] | undefined): ColumnIndexes {
  return {
    user: resolveColumn(mapping.userColumn, header, 'user'),
    assistant: resolveColumn(mapping.assistantColumn, header, 'assistant'),
    id: mapping.idColumn === undefined ? undefined : resolveColumn(mapping.idColumn, header, 'id'),
    order: mapping.orderColumn === undefined ? undefined : resolveColumn(mapping.orderColumn, header, 'order'),
  };
}

/** The row's turn, or why it has none. */
function turnOf(record: { readonly cells: string[]; readonly line: number }, columns: ColumnIndexes): TurnRow | string {
  const { cells } = record;
  const needed = Math.max(columns.user, columns.assistant, columns.id ?? 0, columns.order ?? 0);
  if (cells.length <= needed) return `row has ${cells.length} cells; column ${needed + 1} is missing`;
  const user = cells[columns.user]!;
  const assistant = cells[columns.assistant]!;
  if (user.trim() === '') return 'user cell is empty';
  if (assistant.trim() === '') return 'assistant cell is empty';
  return { line: record.line, user, assistant, order: columns.order === undefined ? '' : cells[columns.order]! };
}

/**
 * CSV/TSV → OpenAI chat through a column mapping, streaming with csv-parse (quoted fields, BOM, CRLF). Delimiter
 * and header are sniffed from the first 64 KiB unless given. Rows with the same id become one multi-turn example
 * (see {@link ConversationGrouper} for the memory rules); rows with an empty id are examples of their own.
 */
export function convertCsvToChat(
  input: AsyncIterable<Uint8Array>,
  options: CsvConvertOptions,
  stream: StreamOptions = {},
): Conversion {
  const report = new ReportBuilder();
  const system = options.mapping.system;

  function* emit(conversations: readonly ConversationRows[]): Generator<string> {
    for (const conversation of conversations) {
      report.written++;
      report.converted += conversation.rows.length;
      yield chatLine(conversationMessages(orderRows(conversation.rows), system));
    }
  }

  async function* lines(): AsyncGenerator<string> {
    const tracked = trackInput(input, stream);
    const utf8 =
      stream.encoding === undefined
        ? checkedUtf8(tracked, {
            onCrOnly: () =>
              report.warn('the file uses CR-only line endings (classic Mac OS); they were read as line ends'),
          })
        : decodedToUtf8(tracked, stream.encoding);
    const { head, isWhole, all } = await peek(utf8, SNIFF_BYTES);
    const sniffed =
      options.delimiter === undefined || options.hasHeader === undefined
        ? sniffCsv(head.toString('utf8'), isWhole)
        : undefined;
    const delimiter = options.delimiter ?? sniffed!.delimiter;
    // Column names only make sense with a header, so they settle what the sniffer may find ambiguous.
    const hasHeader = options.hasHeader ?? (namesColumns(options.mapping) || sniffed!.hasHeader);
    if (options.delimiter === undefined && delimiter !== ',')
      report.warn(`delimiter detected as ${JSON.stringify(delimiter)}`);

    let columns: ColumnIndexes | undefined = hasHeader ? undefined : resolveColumns(options.mapping, undefined);
    const grouper = new ConversationGrouper();
    for await (const record of readCsvRecords(all, delimiter)) {
      if ('error' in record) {
        report.read++;
        report.skip(record.line, record.error);
        continue;
      }
      if (columns === undefined) {
        columns = resolveColumns(options.mapping, record.cells);
        continue;
      }
      report.read++;
      const turn = turnOf(record, columns);
      if (typeof turn === 'string') {
        report.skip(record.line, turn);
        continue;
      }
      const id = columns.id === undefined ? '' : record.cells[columns.id]!;
      if (id.trim() === '') {
        yield* emit([{ id, rows: [turn] }]);
        continue;
      }
      const complete = grouper.add(id, turn);
      if (typeof complete === 'string') report.skip(record.line, complete);
      else yield* emit(complete);
    }
    yield* emit(grouper.finish());
  }
  return { lines: lines(), report: () => report.toReport() };
}
