import { userMetadataProblems } from '../../core/jobs/lineage';
import type { DraftAnswers, DraftStep } from './draftStep';
import { metadataText, readMetadataText, readSeed, readSuffix, SUFFIX_MAX_LENGTH } from './jobInputs';
import { BACK, pickStep, type StepPlace, type StepResult } from './stepInput';
import { askText } from './textStep';

/** The optional settings asked last: suffix, seed, metadata, and the training type where the provider has them. */
export const jobOptionSteps: readonly DraftStep[] = [
  {
    ask: (answers, place) =>
      askText(place, {
        prompt: `Suffix for the fine-tuned model's name (at most ${SUFFIX_MAX_LENGTH} characters), or empty`,
        placeholder: 'e.g. support-bot',
        value: answers.suffix,
        read: readSuffix,
        keep: (value) => (answers.suffix = value),
      }),
  },
  {
    ask: (answers, place) =>
      askText(place, {
        prompt: 'Seed, for a reproducible run, or empty for a random one',
        value: answers.seed === undefined ? undefined : String(answers.seed),
        read: readSeed,
        keep: (value) => (answers.seed = value),
      }),
  },
  {
    ask: (answers, place) =>
      askText(place, {
        prompt: 'Metadata as key=value pairs separated by commas, or empty',
        placeholder: 'e.g. team=support, dataset=v3',
        value: answers.metadata === undefined ? undefined : metadataText(answers.metadata),
        read: (text) => {
          const read = readMetadataText(text);
          if (!read.ok) return read;
          const problems = userMetadataProblems(read.value);
          return problems.length === 0 ? read : { ok: false, problem: problems.join(' ') };
        },
        keep: (value) => (answers.metadata = value),
      }),
  },
  {
    applies: (answers) => (answers.provider?.capabilities.trainingTypes.length ?? 0) > 0,
    ask: askTrainingType,
  },
];

async function askTrainingType(answers: DraftAnswers, place: StepPlace): Promise<StepResult<unknown>> {
  const types = answers.provider!.capabilities.trainingTypes;
  const picked = await pickStep(
    place,
    types.map((type) => ({ label: type, type })),
    { placeholder: 'Training type (where and how the job runs)', active: (item) => item.type === answers.trainingType },
  );
  if (picked !== undefined && picked !== BACK) answers.trainingType = picked.type;
  return picked;
}
