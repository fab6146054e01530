import * as vscode from 'vscode';
import { messageOf } from '../../core/errors/messageOf';
import { methodsForModel } from '../../core/jobs/fineTunableModels';
import { checkpointItems } from './checkpointItems';
import type { DraftAnswers } from './draftStep';
import { creatableMethod, methodLabel } from './jobSummary';
import { modelShutdown } from './modelNotes';
import { BACK, inputStep, pickStep, type StepPlace, type StepResult } from './stepInput';

interface ModelItem extends vscode.QuickPickItem {
  readonly model?: string;
  readonly action?: 'type' | 'checkpoint';
}

/** Which model is fine-tuned: a listed one, a checkpoint of a recent job, or a typed id. */
export async function askModel(answers: DraftAnswers, place: StepPlace): Promise<StepResult<unknown>> {
  const provider = answers.provider!;
  const items = provider
    .listBaseModels(AbortSignal.timeout(60_000))
    .catch((error: unknown): string[] => {
      // A model id can still be typed.
      void vscode.window.showWarningMessage(
        `Could not list the models of “${answers.connection!.name}”: ${messageOf(error)}`,
      );
      return [];
    })
    .then((models): ModelItem[] => [
      ...models.map((model) => ({ label: model, description: modelShutdown(model, answers.connection!.kind), model })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(history) Continue from a Checkpoint…', detail: 'of a recent succeeded job', action: 'checkpoint' },
      { label: '$(edit) Enter a Model ID…', detail: 'any model the server can fine-tune', action: 'type' },
    ]);
  for (;;) {
    const picked = await pickStep(place, items, {
      placeholder: 'Which model is fine-tuned? (fine-tunable models, then your fine-tunes to continue from)',
      active: (item) => item.model !== undefined && item.model === answers.model,
    });
    if (picked === undefined || picked === BACK) return picked;
    let model = picked.model;
    if (picked.action === 'checkpoint') {
      const checkpoint = await pickStep(place, checkpointItems(provider, AbortSignal.timeout(60_000)), {
        placeholder: 'Which checkpoint does the new job continue from? (from recent succeeded jobs)',
        active: (item) => item.model === answers.model,
      });
      if (checkpoint === undefined) return undefined;
      if (checkpoint === BACK) continue;
      model = checkpoint.model;
    } else if (picked.action === 'type') {
      const typed = await inputStep(place, {
        prompt: 'The id of the model to fine-tune',
        value: answers.model,
        validate: (text) => (text.trim() === '' ? 'Type a model id.' : undefined),
      });
      if (typed === undefined) return undefined;
      if (typed === BACK) continue;
      model = typed.trim();
    }
    if (model !== answers.model) answers.method = undefined;
    answers.model = model;
    return picked;
  }
}

/** How the chosen model is trained: the methods the connection offers for it. */
export async function askMethod(answers: DraftAnswers, place: StepPlace): Promise<StepResult<unknown>> {
  const methods = methodsForModel(
    answers.provider!.capabilities.methods,
    answers.model!,
    answers.connection!.kind,
  ).filter(creatableMethod);
  const details: Record<string, string> = {
    supervised: 'Learn from example conversations (chat JSONL)',
    dpo: 'Learn from preferred and non-preferred answers (preference JSONL)',
    reinforcement: 'Learn from a grader’s scores (reinforcement JSONL)',
  };
  const picked = await pickStep(
    place,
    methods.map((method) => ({ label: methodLabel(method), detail: details[method], method })),
    { placeholder: `How is ${answers.model} trained?`, active: (item) => item.method === answers.method },
  );
  if (picked !== undefined && picked !== BACK) answers.method = picked.method;
  return picked;
}
