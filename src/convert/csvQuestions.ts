import type * as vscode from 'vscode';
import type { CsvSniff } from '../core/convert/csv/sniff';
import { inferFieldMapping } from '../core/convert/fieldMapping';
import type { CsvMapping } from '../core/convert/model';
import { askText, pickOne, previewText } from './prompts';

/** A column in a picker; `column` is undefined for "None". */
interface ColumnItem extends vscode.QuickPickItem {
  readonly column: string | number | undefined;
}

interface ReuseItem extends vscode.QuickPickItem {
  readonly reuse: boolean;
}

const ID_NAME = /^(?:conversation|conv|dialog|dialogue|thread|session|chat|ticket)?[ _-]?id$/i;
const ORDER_NAME = /^(?:turn|order|position|seq|sequence|index|step|(?:turn|message)[ _-]?(?:id|no|number|index))$/i;

/** The workspace memory key of a file's last mapping. */
function memoryKey(input: vscode.Uri): string {
  return `fineTuneStudio.convertToChat.csvMapping:${input.fsPath}`;
}

/** One item per column: its title (or "Column N" without a header) and its value in the first data row. */
function columnItems(sniff: CsvSniff): ColumnItem[] {
  const firstRow = sniff.preview[0] ?? [];
  return sniff.columns.map((title, index) => ({
    label: sniff.hasHeader ? title : `Column ${index + 1}`,
    description: previewText(firstRow[index] ?? ''),
    column: sniff.hasHeader ? title : index,
  }));
}

/** Columns whose names suggest their role: user and assistant by the field-name hints, id and order by name. */
function suggestedColumns(sniff: CsvSniff): { user?: string; assistant?: string; id?: string; order?: string } {
  if (!sniff.hasHeader) return {};
  const rows = sniff.preview.map((row) =>
    Object.fromEntries(sniff.columns.map((title, index) => [title, row[index] ?? ''])),
  );
  const { suggested } = inferFieldMapping(rows);
  const id = sniff.columns.find((title) => ID_NAME.test(title));
  const order = sniff.columns.find((title) => ORDER_NAME.test(title));
  return {
    ...(suggested.userField === undefined ? {} : { user: suggested.userField }),
    ...(suggested.assistantField === undefined ? {} : { assistant: suggested.assistantField }),
    ...(id === undefined ? {} : { id }),
    ...(order === undefined ? {} : { order }),
  };
}

/** Reads like "customer → agent, by conversation_id, ordered by turn". */
function describeMapping(mapping: CsvMapping): string {
  const name = (column: string | number): string => (typeof column === 'number' ? `column ${column + 1}` : column);
  const parts = [`${name(mapping.userColumn)} → ${name(mapping.assistantColumn)}`];
  if (mapping.idColumn !== undefined) parts.push(`by ${name(mapping.idColumn)}`);
  if (mapping.orderColumn !== undefined) parts.push(`ordered by ${name(mapping.orderColumn)}`);
  if (mapping.system !== undefined && mapping.system !== '') parts.push('with a system prompt');
  return parts.join(', ');
}

/** Whether every column a remembered mapping names is still in the file. */
function fitsColumns(mapping: CsvMapping, items: readonly ColumnItem[]): boolean {
  const columns = [mapping.userColumn, mapping.assistantColumn, mapping.idColumn, mapping.orderColumn];
  return columns.every((column) => column === undefined || items.some((item) => item.column === column));
}

const NONE: ColumnItem = { label: 'None', column: undefined };

/**
 * Asks how the CSV's columns map to chat messages, offering the file's previous mapping first when it still fits.
 * The answer is remembered per file in `memory` (workspace state). Undefined when dismissed.
 */
export async function askCsvMapping(
  input: vscode.Uri,
  sniff: CsvSniff,
  memory: vscode.Memento,
  title: string,
): Promise<CsvMapping | undefined> {
  const items = columnItems(sniff);
  const previous = memory.get<CsvMapping>(memoryKey(input));
  if (previous !== undefined && fitsColumns(previous, items)) {
    const reuse: ReuseItem = { label: `Use previous mapping (${describeMapping(previous)})`, reuse: true };
    const choose: ReuseItem = { label: 'Choose columns…', reuse: false };
    const picked = await pickOne([reuse, choose], {
      title: `${title}: Column Mapping`,
      placeholder: 'Convert with the columns used last time?',
      active: reuse,
    });
    if (picked === undefined) return undefined;
    if (picked.reuse) return previous;
  }
  const mapping = await askColumns(items, suggestedColumns(sniff), title, previous?.system ?? '');
  if (mapping !== undefined) await memory.update(memoryKey(input), mapping);
  return mapping;
}

async function askColumns(
  items: readonly ColumnItem[],
  suggested: ReturnType<typeof suggestedColumns>,
  title: string,
  system: string,
): Promise<CsvMapping | undefined> {
  const find = (list: readonly ColumnItem[], column: string | undefined): ColumnItem | undefined =>
    list.find((item) => item.column === column);
  const user = await pickOne(items, {
    title: `${title}: User Message Column`,
    placeholder: 'Which column holds what the user says? (first row shown)',
    active: find(items, suggested.user),
  });
  if (user?.column === undefined) return undefined;
  const others = items.filter((item) => item !== user);
  const assistant = await pickOne(others, {
    title: `${title}: Assistant Response Column`,
    placeholder: 'Which column holds the answer? (first row shown)',
    active: find(others, suggested.assistant),
  });
  if (assistant?.column === undefined) return undefined;

  const idItems = [NONE, ...others.filter((item) => item !== assistant)];
  const id = await pickOne(idItems, {
    title: `${title}: Conversation ID Column`,
    placeholder: 'Rows with the same value here become one multi-turn example; None makes every row an example',
    active: find(idItems, suggested.id) ?? NONE,
  });
  if (id === undefined) return undefined;
  let order: ColumnItem | undefined = NONE;
  if (id.column !== undefined) {
    const orderItems = [NONE, ...idItems.filter((item) => item !== NONE && item !== id)];
    order = await pickOne(orderItems, {
      title: `${title}: Turn Order Column`,
      placeholder: 'Orders the rows of a conversation; None keeps file order',
      active: find(orderItems, suggested.order) ?? NONE,
    });
    if (order === undefined) return undefined;
  }
  const systemPrompt = await askText(
    `${title}: System Prompt`,
    'Optional system message put first in every example; leave empty for none.',
    system,
  );
  if (systemPrompt === undefined) return undefined;
  return {
    userColumn: user.column,
    assistantColumn: assistant.column,
    ...(id.column === undefined ? {} : { idColumn: id.column }),
    ...(order.column === undefined ? {} : { orderColumn: order.column }),
    ...(systemPrompt === '' ? {} : { system: systemPrompt }),
  };
}
