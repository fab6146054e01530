import {
  choiceLabel,
  chooseDatasetFile,
  datasetItems,
  sameChoice,
  type DatasetChoice,
  type DatasetItem,
} from './datasetChoices';
import type { DraftAnswers, DraftServices } from './draftStep';
import { BACK, pickStep, type StepPlace, type StepResult } from './stepInput';

/** The training file, or the optional validation file: an open editor, a workspace file, or one already uploaded. */
export async function askDataset(
  services: DraftServices,
  answers: DraftAnswers,
  place: StepPlace,
  role: 'training' | 'validation',
): Promise<StepResult<unknown>> {
  const optional = role === 'validation';
  const current = answers[role] ?? undefined;
  const items = datasetItems(services.records.list(answers.connection!.id), optional).then((list) =>
    // A file chosen before (Choose File…, or the one the command was run on) stays on the list.
    current === undefined || list.some((item) => sameChoice(item, current))
      ? list
      : [{ label: `$(file) ${choiceLabel(current)}`, description: 'chosen', choice: current }, ...list],
  );
  for (;;) {
    const picked = await pickStep<DatasetItem>(place, items, {
      placeholder: optional
        ? 'Validation file (optional): reports validation loss while training'
        : 'Training file: an open editor, a workspace file, or one already uploaded',
      active: (item) => (current === undefined ? optional && item.action === 'none' : sameChoice(item, current)),
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.action === 'none') {
      answers.validation = null;
      return picked;
    }
    const choice: DatasetChoice | undefined =
      picked.choice ??
      (await chooseDatasetFile(`Choose the ${role} file`).then((uri) =>
        uri === undefined ? undefined : { kind: 'local', uri },
      ));
    // A dismissed open dialog goes back to the list.
    if (choice === undefined) continue;
    answers[role] = choice;
    return picked;
  }
}
