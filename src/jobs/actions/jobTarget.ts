/**
 * What a jobs command acts on. From the tree it gets the clicked node; from other features and tests, plain
 * `{ connectionId, jobId }` (plus `fileId` for a result file, `checkpointModel` for a checkpoint). Anything else is
 * refused with a message, never a crash.
 */

import type { JobCheckpoint } from '../../core/jobs/job';

export interface JobTarget {
  connectionId: string;
  jobId: string;
  /** A result file (its node, or `fileId`). */
  fileId?: string;
  /** A checkpoint (its node). */
  checkpoint?: JobCheckpoint;
}

export function jobTargetOf(argument: unknown): JobTarget | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { connectionId, jobId, fileId, checkpoint } = argument as Record<string, unknown>;
  if (typeof connectionId !== 'string' || typeof jobId !== 'string' || connectionId === '' || jobId === '')
    return undefined;
  const target: JobTarget = { connectionId, jobId };
  if (typeof fileId === 'string' && fileId !== '') target.fileId = fileId;
  if (isCheckpoint(checkpoint)) target.checkpoint = checkpoint;
  return target;
}

function isCheckpoint(value: unknown): value is JobCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { id, model, step } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof model === 'string' && typeof step === 'number';
}

/** `confirm: true` in the argument skips a confirmation (tests, and callers that asked already). */
export function isConfirmed(argument: unknown): boolean {
  return typeof argument === 'object' && argument !== null && (argument as { confirm?: unknown }).confirm === true;
}

/** `saveTo: <absolute path>` in the argument skips the save dialog (tests). */
export function saveToOf(argument: unknown): string | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const saveTo = (argument as { saveTo?: unknown }).saveTo;
  return typeof saveTo === 'string' && saveTo !== '' ? saveTo : undefined;
}
