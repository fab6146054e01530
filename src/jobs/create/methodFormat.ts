/**
 * Which dataset format each training method reads, so a file in the wrong one is stopped before it is uploaded
 * rather than failing on the server after the upload. Pure, so it is unit-tested in Node.
 */

import { FORMAT_LABELS, type DatasetFormat } from '../../core/format/datasetFormat';
import type { TrainingMethod } from '../../core/jobs/job';

/** Supervised jobs also take legacy prompt/completion files (for the legacy completion models). */
const FORMATS: Record<TrainingMethod, readonly DatasetFormat[]> = {
  supervised: ['chat', 'completion'],
  dpo: ['preference'],
  reinforcement: ['rft'],
};

const NOUNS: Record<TrainingMethod, string> = { supervised: 'supervised', dpo: 'DPO', reinforcement: 'reinforcement' };

/** Why a file of `format` cannot train a job of `method`, or undefined when it can (or the format is not known). */
export function formatProblem(
  method: TrainingMethod,
  format: string | undefined,
  fileName: string,
): string | undefined {
  if (format === undefined || !Object.hasOwn(FORMAT_LABELS, format)) return undefined;
  const accepted = FORMATS[method];
  if (accepted.includes(format as DatasetFormat)) return undefined;
  const wanted = accepted.map((f) => FORMAT_LABELS[f]).join(' or ');
  return `${fileName} holds ${FORMAT_LABELS[format as DatasetFormat]} examples, but a ${NOUNS[method]} job trains on ${wanted} examples.`;
}
