/**
 * A results file grouped for the Evaluation view: one row per prompt, one column per model, each cell the latest
 * record of its (prompt, model) pair (a resumed run appends a retry after a failure; the newer line wins).
 */
import type { BatchPrompt, ResultRecord } from '../core/batch/batchTypes';
import type { AnswerCell } from '../protocol/evaluation';

/** One prompt and each model's latest record for it. */
export interface GroupedRow {
  readonly prompt: BatchPrompt;
  /** Keyed by model label. */
  readonly records: ReadonlyMap<string, ResultRecord>;
}

/** The rows of a results file and its model labels. */
export interface GroupedResults {
  /** Model labels in the order they first appear in the file. */
  readonly models: readonly string[];
  /** Prompts in input order (their `index`), then first appearance. */
  readonly rows: readonly GroupedRow[];
}

/** Groups records into rows; one pass over the records, then a sort of the prompts. */
export function groupResults(records: readonly ResultRecord[]): GroupedResults {
  const models: string[] = [];
  const seenModels = new Set<string>();
  const byPrompt = new Map<string, { prompt: BatchPrompt; first: number; records: Map<string, ResultRecord> }>();
  records.forEach((record, order) => {
    const label = record.model.label;
    if (!seenModels.has(label)) {
      seenModels.add(label);
      models.push(label);
    }
    let row = byPrompt.get(record.prompt.key);
    if (row === undefined) {
      row = { prompt: record.prompt, first: order, records: new Map() };
      byPrompt.set(record.prompt.key, row);
    }
    row.records.set(label, record);
  });
  const rows = [...byPrompt.values()]
    .sort((x, y) => x.prompt.index - y.prompt.index || x.first - y.first)
    .map(({ prompt, records: cells }) => ({ prompt, records: cells }));
  return { models, rows };
}

/** A record as a table cell. */
export function answerCell(record: ResultRecord): AnswerCell {
  const base = { label: record.model.label, latencyMs: record.latencyMs };
  if (record.error !== undefined || record.response === undefined)
    return { ...base, error: record.error?.message ?? 'No response was recorded.' };
  return { ...base, text: record.response.text, finishReason: record.response.finishReason };
}

/** The answer text of a row's model when it answered (a response and no error). */
export function answerOf(row: GroupedRow, label: string): string | undefined {
  const record = row.records.get(label);
  return record !== undefined && record.error === undefined ? record.response?.text : undefined;
}
