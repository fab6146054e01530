import type * as vscode from 'vscode';
import { askConnection } from './connectionStep';
import { askDataset } from './datasetStep';
import type { DraftAnswers, DraftServices, DraftStep } from './draftStep';
import { betaStep, customHyperparameterSteps, hyperparameterModeStep } from './hyperparameterSteps';
import type { JobDraft } from './jobDraft';
import { jobOptionSteps } from './jobOptionSteps';
import { askMethod, askModel } from './modelSteps';
import { BACK } from './stepInput';

export type { DraftServices } from './draftStep';

export const CREATE_TITLE = 'Create Fine-Tuning Job';

/**
 * The guided questions, one quick pick or input box per step ("Create Fine-Tuning Job (n/m)", Back from the second
 * step on, answers kept when going back). Undefined when the user dismissed a step.
 */
export async function askJobDraft(services: DraftServices, file?: vscode.Uri): Promise<JobDraft | undefined> {
  const steps = draftSteps(services);
  // The file the command was run on (Explorer) is the training file offered first.
  const answers: DraftAnswers = file === undefined ? {} : { training: { kind: 'local', uri: file } };
  let index = 0;
  for (;;) {
    const applicable = steps.filter((step) => step.applies?.(answers) ?? true);
    const step = applicable[index];
    if (step === undefined) break;
    const result = await step.ask(answers, { title: CREATE_TITLE, step: index + 1, total: applicable.length });
    if (result === undefined) return undefined;
    index = result === BACK ? Math.max(0, index - 1) : index + 1;
  }
  const { connection, provider, model, method, training } = answers;
  if (!connection || !provider || !model || !method || !training) return undefined;
  return {
    connection,
    provider,
    model,
    method,
    hyperparameters: {
      nEpochs: answers.custom ? answers.nEpochs : 'auto',
      batchSize: answers.custom ? answers.batchSize : 'auto',
      learningRateMultiplier: answers.custom ? answers.learningRateMultiplier : 'auto',
      ...(method === 'dpo' ? { beta: answers.beta ?? 'auto' } : {}),
    },
    training,
    validation: answers.validation ?? undefined,
    suffix: answers.suffix,
    seed: answers.seed,
    metadata: answers.metadata ?? {},
    trainingType: answers.trainingType,
  };
}

/** The questions in the order they are asked. */
function draftSteps(services: DraftServices): DraftStep[] {
  return [
    { ask: (answers, place) => askConnection(services, answers, place) },
    { ask: askModel },
    { ask: askMethod },
    betaStep,
    { ask: (answers, place) => askDataset(services, answers, place, 'training') },
    { ask: (answers, place) => askDataset(services, answers, place, 'validation') },
    hyperparameterModeStep,
    ...customHyperparameterSteps,
    ...jobOptionSteps,
  ];
}
