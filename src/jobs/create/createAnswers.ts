import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../../connections';
import type { Connection } from '../../core/connections';
import { messageOf } from '../../core/errors/messageOf';
import type { Hyperparameter, TrainingMethod } from '../../core/jobs/job';
import { userMetadataProblems } from '../../core/jobs/lineage';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { UploadRecords } from '../upload/uploadRecords';
import type { DatasetChoice } from './datasetChoices';
import type { JobDraft } from './jobDraft';
import {
  BATCH_SIZE,
  BETA,
  EPOCHS,
  LEARNING_RATE_MULTIPLIER,
  readHyperparameter,
  readSeed,
  readSuffix,
} from './jobInputs';
import { creatableMethod } from './jobSummary';
import type { LaunchAnswers } from './launchJob';

/**
 * Answers that replace every question of "Create Fine-Tuning Job…" (tests, other features such as Rerun). Checked
 * like typed answers; consent to upload and to create is never assumed (`confirmUpload`, `confirm`).
 */
export interface CreateAnswers extends LaunchAnswers {
  readonly connectionId?: string;
  readonly model?: string;
  /** Default supervised. */
  readonly method?: TrainingMethod;
  /** A local dataset (path), uploaded after its checks; or `trainingFileId`, a file uploaded earlier from here. */
  readonly trainingFile?: string;
  readonly trainingFileId?: string;
  readonly validationFile?: string;
  readonly validationFileId?: string;
  readonly nEpochs?: Hyperparameter;
  readonly batchSize?: Hyperparameter;
  readonly learningRateMultiplier?: Hyperparameter;
  readonly beta?: Hyperparameter;
  readonly suffix?: string;
  readonly seed?: number;
  readonly metadata?: Record<string, string>;
  readonly trainingType?: string;
}

const ANSWER_KEYS: readonly (keyof CreateAnswers)[] = [
  'connectionId',
  'model',
  'method',
  'trainingFile',
  'trainingFileId',
  'validationFile',
  'validationFileId',
  'nEpochs',
  'batchSize',
  'learningRateMultiplier',
  'beta',
  'suffix',
  'seed',
  'metadata',
  'trainingType',
  'confirmUpload',
  'reuse',
  'confirm',
];

/** The answers in the command's argument: an object with at least one known answer, else none (ask). */
export function createAnswers(argument: unknown): CreateAnswers | undefined {
  if (typeof argument !== 'object' || argument === null || argument instanceof vscode.Uri) return undefined;
  return ANSWER_KEYS.some((key) => key in argument) ? argument : undefined;
}

/** What turning answers into a draft needs. */
export interface AnswerServices {
  readonly connections: Pick<ConnectionRegistry, 'get'>;
  readonly records: UploadRecords;
  readonly providerFor: (connection: Connection) => Promise<FineTuneProvider>;
}

/** The draft the answers describe, or every problem with them in one sentence. */
export async function draftFromAnswers(
  services: AnswerServices,
  answers: CreateAnswers,
): Promise<JobDraft | { problem: string }> {
  const problems: string[] = [];
  const connection = answers.connectionId === undefined ? undefined : services.connections.get(answers.connectionId);
  if (connection === undefined)
    return { problem: `There is no connection with the id “${answers.connectionId ?? ''}”.` };
  const model = answers.model?.trim() ?? '';
  if (model === '') problems.push('No model was given.');
  const method = answers.method ?? 'supervised';
  const hyper = (value: Hyperparameter | undefined, range: Parameters<typeof readHyperparameter>[1]) => {
    const read = readHyperparameter(value, range);
    if (read.ok) return read.value;
    problems.push(read.problem);
    return undefined;
  };
  const hyperparameters = {
    nEpochs: hyper(answers.nEpochs, EPOCHS),
    batchSize: hyper(answers.batchSize, BATCH_SIZE),
    learningRateMultiplier: hyper(answers.learningRateMultiplier, LEARNING_RATE_MULTIPLIER),
    ...(method === 'dpo' ? { beta: hyper(answers.beta, BETA) } : {}),
  };
  const suffix = readSuffix(answers.suffix);
  if (!suffix.ok) problems.push(suffix.problem);
  const seed = readSeed(answers.seed);
  if (!seed.ok) problems.push(seed.problem);
  const metadata = answers.metadata ?? {};
  problems.push(...userMetadataProblems(metadata));
  const dataset = (path: string | undefined, fileId: string | undefined, role: string): DatasetChoice | undefined => {
    if (path !== undefined) return { kind: 'local', uri: vscode.Uri.file(path) };
    if (fileId === undefined) return undefined;
    const record = services.records.list(connection.id).find((r) => r.fileId === fileId);
    // Lineage needs the content hash, which only an upload from here recorded.
    if (record === undefined)
      problems.push(`The ${role} file ${fileId} was not uploaded from here: give the local file to upload it.`);
    return record === undefined ? undefined : { kind: 'uploaded', record };
  };
  const training = dataset(answers.trainingFile, answers.trainingFileId, 'training');
  if (training === undefined && answers.trainingFile === undefined && answers.trainingFileId === undefined)
    problems.push('No training file was given.');
  const validation = dataset(answers.validationFile, answers.validationFileId, 'validation');
  let provider: FineTuneProvider;
  try {
    provider = await services.providerFor(connection);
  } catch (error) {
    return { problem: `Could not reach “${connection.name}”: ${messageOf(error)}` };
  }
  if (!creatableMethod(method))
    problems.push('Reinforcement jobs need a grader, which Create Fine-Tuning Job cannot set up yet.');
  else if (!provider.capabilities.methods.includes(method))
    problems.push(`“${connection.name}” does not offer the ${method} method.`);
  const { trainingTypes } = provider.capabilities;
  if (answers.trainingType !== undefined && !trainingTypes.includes(answers.trainingType))
    problems.push(
      trainingTypes.length === 0
        ? `“${connection.name}” has no training types.`
        : `The training type must be one of ${trainingTypes.join(', ')}.`,
    );
  if (problems.length > 0 || training === undefined || !suffix.ok || !seed.ok) return { problem: problems.join(' ') };
  return {
    connection,
    provider,
    model,
    method,
    hyperparameters: hyperparameters,
    training,
    validation,
    suffix: suffix.value,
    seed: seed.value,
    metadata,
    trainingType: answers.trainingType,
  };
}
