import type { Hyperparameter } from '../../core/jobs/job';
import type { DraftAnswers, DraftStep } from './draftStep';
import { BATCH_SIZE, BETA, EPOCHS, LEARNING_RATE_MULTIPLIER, rangeText, readHyperparameter } from './jobInputs';
import { BACK, pickStep, type StepPlace, type StepResult } from './stepInput';
import { askText } from './textStep';

/** DPO's beta, asked right after the method (only DPO has it, and it is asked even when the rest stays auto). */
export const betaStep: DraftStep = {
  applies: (answers) => answers.method === 'dpo',
  ask: (answers, place) =>
    askNumber(
      place,
      `Beta for DPO (${rangeText(BETA)}; higher keeps the model closer to the base), or auto`,
      BETA,
      answers.beta,
      (value) => {
        answers.beta = value;
      },
    ),
};

/** Auto, or the numbers set one by one (`customHyperparameterSteps`). */
export const hyperparameterModeStep: DraftStep = { ask: askHyperparameterMode };

/** Epochs, batch size and learning-rate multiplier, asked when the user chose to set the numbers. */
export const customHyperparameterSteps: readonly DraftStep[] = (
  [
    ['nEpochs', EPOCHS, 'Epochs: passes over the training file'],
    ['batchSize', BATCH_SIZE, 'Batch size: examples per training step'],
    ['learningRateMultiplier', LEARNING_RATE_MULTIPLIER, 'Learning-rate multiplier'],
  ] as const
).map(([key, range, prompt]): DraftStep => ({
  applies: (answers) => answers.custom === true,
  ask: (answers, place) =>
    askNumber(place, `${prompt} (${rangeText(range)}), or auto`, range, answers[key], (value) => {
      answers[key] = value;
    }),
}));

async function askHyperparameterMode(answers: DraftAnswers, place: StepPlace): Promise<StepResult<unknown>> {
  const picked = await pickStep(
    place,
    [
      {
        label: 'Auto',
        detail: 'The provider picks epochs, batch size and learning rate from the dataset',
        custom: false,
      },
      { label: 'Set Numbers…', detail: 'Epochs 1–50, batch size 1–256, learning-rate multiplier > 0', custom: true },
    ],
    { placeholder: 'Hyperparameters', active: (item) => item.custom === (answers.custom ?? false) },
  );
  if (picked !== undefined && picked !== BACK) answers.custom = picked.custom;
  return picked;
}

function askNumber(
  place: StepPlace,
  prompt: string,
  range: Parameters<typeof readHyperparameter>[1],
  current: Hyperparameter | undefined,
  keep: (value: Hyperparameter) => void,
): Promise<StepResult<unknown>> {
  return askText(place, {
    prompt,
    value: current === undefined ? 'auto' : String(current),
    read: (text) => readHyperparameter(text, range),
    keep,
  });
}
