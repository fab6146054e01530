import type { FineTuneJob, TrainingMethod } from '../../core/jobs/job';
import { LINEAGE_KEYS } from '../../core/jobs/lineage';
import type { CreateJobRequest } from '../../core/jobs/provider';

const METHODS: readonly string[] = ['supervised', 'dpo', 'reinforcement'] satisfies TrainingMethod[];

/**
 * The create request that runs a job again with the same configuration: base model, files, method and
 * hyperparameters, suffix, seed, training type and metadata (with its lineage). The old request tag is dropped, so
 * createJobOnce tags the new create afresh and never mistakes the old job for the new one. Throws for a method this
 * version cannot send.
 */
export function rerunRequest(job: FineTuneJob): CreateJobRequest {
  if (!METHODS.includes(job.method))
    throw new Error(`Job ${job.id} used the training method “${job.method}”, which cannot be rerun from here.`);
  const metadata = { ...job.metadata };
  delete metadata[LINEAGE_KEYS.requestTag];
  const request: CreateJobRequest = {
    model: job.model,
    trainingFile: job.trainingFile,
    method: job.method as TrainingMethod,
    hyperparameters: { ...job.hyperparameters },
    metadata,
  };
  if (job.validationFile !== undefined) request.validationFile = job.validationFile;
  if (job.suffix !== undefined) request.suffix = job.suffix;
  if (job.seed !== undefined) request.seed = job.seed;
  if (job.trainingType !== undefined) request.trainingType = job.trainingType;
  return request;
}
