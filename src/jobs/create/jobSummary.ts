/**
 * The final confirmation of "Create Fine-Tuning Job…": everything the job will be created with, what it is
 * estimated to cost, and when its base model is known to shut down. Pure, so it is unit-tested in Node.
 */

import type { Hyperparameter } from '../../core/jobs/job';
import type { CreateJobRequest } from '../../core/jobs/provider';

export interface JobSummaryFacts {
  readonly connectionName: string;
  readonly host: string;
  readonly request: CreateJobRequest;
  /** How the training and validation files are named to the user (path, or name and id). */
  readonly trainingLabel: string;
  readonly validationLabel?: string;
  /** The cost estimate's lines (charged tokens, cost, its source), or why there is none. */
  readonly estimate: readonly string[];
  /** The base model's known end dates, in words with their sources; empty when none is known. */
  readonly lifecycle: readonly string[];
  /** What a finished model needs before it can be called (Azure: a deployment). */
  readonly deploymentNote?: string;
}

const METHOD_LABELS: Record<string, string> = {
  supervised: 'Supervised',
  dpo: 'Direct preference optimisation (DPO)',
  reinforcement: 'Reinforcement',
};

/**
 * Whether this flow can create a job with the method: reinforcement needs a grader, which CreateJobRequest does not
 * carry yet, so the server would refuse every such job; it is left out rather than offered to fail.
 */
export function creatableMethod(method: string): boolean {
  return method !== 'reinforcement';
}

export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method;
}

function hyper(value: Hyperparameter | undefined): string {
  return value === undefined || value === 'auto' ? 'auto' : String(value);
}

/** The modal's message and detail. Lineage pairs are listed with the user's: nothing is sent that is not shown. */
export function jobSummary(facts: JobSummaryFacts): { message: string; detail: string } {
  const { request } = facts;
  const h = request.hyperparameters;
  const hyperparameters = [
    `epochs ${hyper(h.nEpochs)}`,
    `batch size ${hyper(h.batchSize)}`,
    `learning-rate multiplier ${hyper(h.learningRateMultiplier)}`,
    ...(request.method === 'dpo' ? [`beta ${hyper(h.beta)}`] : []),
  ].join(', ');
  const metadata = Object.entries(request.metadata).map(([key, value]) => `${key}=${value}`);
  return {
    message: `Create a fine-tuning job of ${request.model} on ${facts.host}?`,
    detail: [
      `Connection: ${facts.connectionName} (${facts.host})`,
      `Base model: ${request.model}`,
      `Method: ${methodLabel(request.method)}`,
      `Training file: ${facts.trainingLabel}`,
      `Validation file: ${facts.validationLabel ?? 'none'}`,
      `Hyperparameters: ${hyperparameters}`,
      `Suffix: ${request.suffix ?? 'none'}`,
      `Seed: ${request.seed ?? 'random'}`,
      ...(request.trainingType === undefined ? [] : [`Training type: ${request.trainingType}`]),
      `Metadata: ${metadata.length === 0 ? 'none' : metadata.join(', ')}`,
      '',
      ...facts.estimate,
      ...(facts.lifecycle.length === 0 ? [] : ['', ...facts.lifecycle]),
      ...(facts.deploymentNote === undefined ? [] : ['', facts.deploymentNote]),
      '',
      'Training is billed by the provider once the job runs.',
    ].join('\n'),
  };
}
