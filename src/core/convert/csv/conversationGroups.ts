import { ConvertSetupError, type ChatMessage } from '../model';

/** One CSV row mapped to a user message and the assistant's answer. */
export interface TurnRow {
  /** One-based line where the row starts. */
  readonly line: number;
  readonly user: string;
  readonly assistant: string;
  /** The order column's cell; empty without an order column. */
  readonly order: string;
}

/** The rows of one conversation id, in file order. */
export interface ConversationRows {
  readonly id: string;
  readonly rows: readonly TurnRow[];
}

/** Memory limits of {@link ConversationGrouper}, in UTF-16 characters of cell text. */
export interface GroupingLimits {
  /** Once this much is held and every id so far came in one contiguous run, groups are written as they end. */
  readonly streamAfterChars: number;
  /** When ids are spread over the file, all rows are held until the end; beyond this the conversion stops. */
  readonly collectLimitChars: number;
}

const DEFAULT_LIMITS: GroupingLimits = { streamAfterChars: 8 * 1024 * 1024, collectLimitChars: 256 * 1024 * 1024 };

function rowChars(row: TurnRow): number {
  return row.user.length + row.assistant.length + row.order.length;
}

/**
 * Groups rows that share an id. Small files are held whole, so ids may come in any order. When more than
 * `streamAfterChars` is held and each id so far came in one contiguous run, the grouper assumes the file is sorted
 * by id: finished groups are written as they end, and memory holds one group. A later row of an already written id
 * is then refused with a reason. If ids interleave before that point, everything is held up to `collectLimitChars`,
 * and a bigger interleaved file stops with a {@link ConvertSetupError} asking to sort it by id.
 */
export class ConversationGrouper {
  private readonly open = new Map<string, TurnRow[]>();
  private readonly written = new Set<string>();
  private current: string | undefined;
  private contiguous = true;
  private streaming = false;
  private heldChars = 0;

  constructor(private readonly limits: GroupingLimits = DEFAULT_LIMITS) {}

  /** Adds a row. Returns the conversations that are complete now, or why the row cannot be used. */
  add(id: string, row: TurnRow): ConversationRows[] | string {
    if (this.written.has(id)) {
      return `id ${JSON.stringify(id)} appears again after its conversation was written; in files this big rows of one id must be next to each other`;
    }
    const complete: ConversationRows[] = [];
    if (id !== this.current) {
      if (this.open.has(id)) this.contiguous = false;
      else if (this.streaming && this.current !== undefined) complete.push(this.take(this.current));
      this.current = id;
    }
    const rows = this.open.get(id);
    if (rows === undefined) this.open.set(id, [row]);
    else rows.push(row);
    this.heldChars += rowChars(row);
    if (!this.streaming && this.contiguous && this.heldChars > this.limits.streamAfterChars) {
      this.streaming = true;
      for (const openId of [...this.open.keys()]) if (openId !== id) complete.push(this.take(openId));
    }
    if (!this.contiguous && this.heldChars > this.limits.collectLimitChars) {
      throw new ConvertSetupError(
        `Rows of one id are spread over the file and it holds more than ${this.limits.collectLimitChars.toLocaleString('en-US')} characters of text; sort it by the id column first.`,
      );
    }
    return complete;
  }

  /** The conversations still held, in the order their ids first appeared. */
  finish(): ConversationRows[] {
    return [...this.open.keys()].map((id) => this.take(id));
  }

  private take(id: string): ConversationRows {
    const rows = this.open.get(id) ?? [];
    this.open.delete(id);
    this.written.add(id);
    for (const row of rows) this.heldChars -= rowChars(row);
    return { id, rows };
  }
}

/** Sorts rows by their order cells: as numbers when all are numbers, else as strings; ties keep file order. */
export function orderRows(rows: readonly TurnRow[]): TurnRow[] {
  const numeric = rows.every((row) => row.order.trim() !== '' && Number.isFinite(Number(row.order)));
  const sorted = [...rows];
  if (numeric) sorted.sort((a, b) => Number(a.order) - Number(b.order));
  else sorted.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return sorted;
}

/** The chat messages of a conversation: the optional system message, then each row's user and assistant turn. */
export function conversationMessages(rows: readonly TurnRow[], system: string | undefined): ChatMessage[] {
  const messages: ChatMessage[] =
    system !== undefined && system.trim() !== '' ? [{ role: 'system', content: system }] : [];
  for (const row of rows)
    messages.push({ role: 'user', content: row.user }, { role: 'assistant', content: row.assistant });
  return messages;
}
