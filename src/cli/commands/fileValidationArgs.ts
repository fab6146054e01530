import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EXAMPLE_TOKEN_LIMIT, DEFAULT_MODEL } from '../../core/defaults';
import { DATASET_FORMATS, type DatasetFormat } from '../../core/format/datasetFormat';
import type { FileValidationOptions } from '../../core/pipeline/validateFile';
import { UsageError } from '../command';
import { numberOption } from '../numberOption';

/** Options shared by `validate` and `stats`. */
export const FILE_VALIDATION_OPTIONS = {
  model: { type: 'string' },
  'dataset-format': { type: 'string' },
  'token-limit': { type: 'string' },
  workers: { type: 'string' },
} as const;

function positiveInteger(value: string | undefined, name: string): number | undefined {
  return numberOption(value, name, { integer: true, min: 0, expected: 'a whole number, 0 or more' });
}

/**
 * Validation options from the shared flags. The bundled CLI runs beside dist/validate-worker.js and uses worker
 * threads; run from source (tests) there is no worker bundle and lines are analysed on the main thread.
 */
export function fileValidationOptions(
  values: { model?: string; 'dataset-format'?: string; 'token-limit'?: string; workers?: string },
  tokens: boolean,
): FileValidationOptions {
  const format = values['dataset-format'];
  if (format !== undefined && !DATASET_FORMATS.includes(format as DatasetFormat)) {
    throw new UsageError(`--dataset-format must be one of ${DATASET_FORMATS.join(', ')}, not ${format}.`);
  }
  const workers = positiveInteger(values.workers, '--workers');
  const workerPath = join(__dirname, 'validate-worker.js');
  return {
    format: format as DatasetFormat | undefined,
    model: tokens ? (values.model ?? DEFAULT_MODEL) : undefined,
    defaultExampleTokenLimit: positiveInteger(values['token-limit'], '--token-limit') ?? DEFAULT_EXAMPLE_TOKEN_LIMIT,
    workerPath: workers !== 0 && existsSync(workerPath) ? workerPath : undefined,
    workers,
  };
}
