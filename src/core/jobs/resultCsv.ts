/**
 * A fine-tuning job's result file: a CSV of per-step metrics the API writes when the job ends
 * (`step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy`, sometimes more columns). Parsed into the
 * same StepMetrics the metrics events give, so both merge by step.
 */

import { parse } from 'csv-parse/sync';
import { messageOf } from '../errors/messageOf';
import type { StepMetrics } from './job';

/** Which StepMetrics field each known column fills (several spellings seen across API versions). */
const COLUMNS: Record<string, Exclude<keyof StepMetrics, 'step'>> = {
  train_loss: 'trainLoss',
  train_accuracy: 'trainMeanTokenAccuracy',
  train_mean_token_accuracy: 'trainMeanTokenAccuracy',
  valid_loss: 'validLoss',
  valid_accuracy: 'validMeanTokenAccuracy',
  valid_mean_token_accuracy: 'validMeanTokenAccuracy',
  full_valid_loss: 'fullValidLoss',
  full_valid_accuracy: 'fullValidMeanTokenAccuracy',
  full_valid_mean_token_accuracy: 'fullValidMeanTokenAccuracy',
};

export type ResultCsv =
  | {
      ok: true;
      /** One entry per step, in step order (a repeated step: the later row wins). */
      metrics: StepMetrics[];
      /** Rows without a usable step number, left out. */
      skippedRows: number;
    }
  | { ok: false; message: string };

/** Parses a result CSV. Never throws: a file that is not such a CSV gives a message saying why. */
export function parseResultCsv(text: string): ResultCsv {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, message: `The result file is not a readable CSV: ${messageOf(error)}` };
  }
  const header = rows[0]?.map((name) => name.toLowerCase());
  if (!header) return { ok: false, message: 'The result file is empty.' };
  const stepColumn = header.indexOf('step');
  if (stepColumn < 0) return { ok: false, message: 'The result file has no "step" column: it is not a metrics CSV.' };
  const columns = header.flatMap((name, index) => {
    const field = COLUMNS[name];
    return field ? [{ index, field }] : [];
  });
  const byStep = new Map<number, StepMetrics>();
  let skippedRows = 0;
  for (const row of rows.slice(1)) {
    const step = numberIn(row[stepColumn]);
    if (step === undefined || !Number.isSafeInteger(step) || step < 0) {
      skippedRows++;
      continue;
    }
    const metrics: StepMetrics = { step };
    for (const { index, field } of columns) {
      const value = numberIn(row[index]);
      if (value !== undefined) metrics[field] = value;
    }
    byStep.set(step, metrics);
  }
  return { ok: true, metrics: [...byStep.values()].sort((a, b) => a.step - b.step), skippedRows };
}

/** A finite number from a cell; empty cells (a step without validation) and text such as `nan` are undefined. */
function numberIn(cell: string | undefined): number | undefined {
  if (cell === undefined || cell === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}
