import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../../connections';
import type { Connection } from '../../core/connections';
import { messageOf } from '../../core/errors/messageOf';
import { methodsForModel } from '../../core/jobs/fineTunableModels';
import type { Hyperparameter, TrainingMethod } from '../../core/jobs/job';
import { userMetadataProblems } from '../../core/jobs/lineage';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { UploadRecords } from '../upload/uploadRecords';
import { checkpointItems } from './checkpointItems';
import {
  choiceLabel,
  chooseDatasetFile,
  datasetItems,
  sameChoice,
  type DatasetChoice,
  type DatasetItem,
} from './datasetChoices';
import type { JobDraft } from './jobDraft';
import {
  BATCH_SIZE,
  BETA,
  EPOCHS,
  LEARNING_RATE_MULTIPLIER,
  metadataText,
  rangeText,
  readHyperparameter,
  readMetadataText,
  readSeed,
  readSuffix,
  SUFFIX_MAX_LENGTH,
  type Read,
} from './jobInputs';
import { creatableMethod, methodLabel } from './jobSummary';
import { modelShutdown } from './modelNotes';
import { BACK, inputStep, pickStep, type StepPlace, type StepResult } from './stepInput';

export const CREATE_TITLE = 'Create Fine-Tuning Job';

/** What the questions need. */
export interface DraftServices {
  readonly connections: Pick<ConnectionRegistry, 'list'>;
  readonly records: UploadRecords;
  readonly providerFor: (connection: Connection) => Promise<FineTuneProvider>;
}

/** The draft while it is being asked for: every answer so far, kept when the user goes back. */
interface Answers {
  connection?: Connection;
  provider?: FineTuneProvider;
  model?: string;
  method?: TrainingMethod;
  custom?: boolean;
  beta?: Hyperparameter;
  nEpochs?: Hyperparameter;
  batchSize?: Hyperparameter;
  learningRateMultiplier?: Hyperparameter;
  training?: DatasetChoice;
  /** null: asked, and none. */
  validation?: DatasetChoice | null;
  suffix?: string;
  seed?: number;
  metadata?: Record<string, string>;
  trainingType?: string;
}

interface Step {
  readonly applies?: (answers: Answers) => boolean;
  readonly ask: (answers: Answers, place: StepPlace) => Promise<StepResult<unknown>>;
}

/**
 * The guided questions, one quick pick or input box per step ("Create Fine-Tuning Job (n/m)", Back from the second
 * step on, answers kept when going back). Undefined when the user dismissed a step.
 */
export async function askJobDraft(services: DraftServices, file?: vscode.Uri): Promise<JobDraft | undefined> {
  const steps = draftSteps(services);
  // The file the command was run on (Explorer) is the training file offered first.
  const answers: Answers = file === undefined ? {} : { training: { kind: 'local', uri: file } };
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

function draftSteps(services: DraftServices): Step[] {
  return [
    { ask: (answers, place) => askConnection(services, answers, place) },
    { ask: askModel },
    { ask: askMethod },
    {
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
    },
    { ask: (answers, place) => askDataset(services, answers, place, 'training') },
    { ask: (answers, place) => askDataset(services, answers, place, 'validation') },
    { ask: askHyperparameterMode },
    ...(
      [
        ['nEpochs', EPOCHS, 'Epochs: passes over the training file'],
        ['batchSize', BATCH_SIZE, 'Batch size: examples per training step'],
        ['learningRateMultiplier', LEARNING_RATE_MULTIPLIER, 'Learning-rate multiplier'],
      ] as const
    ).map(([key, range, prompt]): Step => ({
      applies: (answers) => answers.custom === true,
      ask: (answers, place) =>
        askNumber(place, `${prompt} (${rangeText(range)}), or auto`, range, answers[key], (value) => {
          answers[key] = value;
        }),
    })),
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
}

async function askConnection(
  services: DraftServices,
  answers: Answers,
  place: StepPlace,
): Promise<StepResult<unknown>> {
  const connections = services.connections.list();
  if (connections.length === 0) {
    const add = 'Add Connection…';
    const choice = await vscode.window.showInformationMessage(
      'There are no connections yet: add one to create fine-tuning jobs.',
      add,
    );
    if (choice === add) await vscode.commands.executeCommand('fineTuneStudio.addConnection');
    return undefined;
  }
  const picked = await pickStep(
    place,
    connections.map((connection) => ({ label: connection.name, description: connection.baseUrl, connection })),
    { placeholder: 'Which connection runs the job?', active: (item) => item.connection.id === answers.connection?.id },
  );
  if (picked === undefined || picked === BACK) return picked;
  if (picked.connection.id !== answers.connection?.id) {
    try {
      answers.provider = await services.providerFor(picked.connection);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not reach “${picked.connection.name}”: ${messageOf(error)}`);
      return undefined;
    }
    answers.connection = picked.connection;
    // Models, methods and uploaded files belong to the connection.
    answers.model = undefined;
    answers.method = undefined;
    // Files uploaded to the previous connection are not on this one; local files stay.
    if (answers.training?.kind === 'uploaded') answers.training = undefined;
    if (answers.validation?.kind === 'uploaded') answers.validation = undefined;
    answers.trainingType = undefined;
  }
  return picked;
}

interface ModelItem extends vscode.QuickPickItem {
  readonly model?: string;
  readonly action?: 'type' | 'checkpoint';
}

async function askModel(answers: Answers, place: StepPlace): Promise<StepResult<unknown>> {
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

async function askMethod(answers: Answers, place: StepPlace): Promise<StepResult<unknown>> {
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

async function askDataset(
  services: DraftServices,
  answers: Answers,
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

async function askHyperparameterMode(answers: Answers, place: StepPlace): Promise<StepResult<unknown>> {
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

async function askText<T>(
  place: StepPlace,
  options: {
    prompt: string;
    placeholder?: string;
    value?: string;
    read: (text: string) => Read<T>;
    keep: (value: T) => void;
  },
): Promise<StepResult<unknown>> {
  const text = await inputStep(place, {
    prompt: options.prompt,
    placeholder: options.placeholder,
    value: options.value,
    validate: (typed) => {
      const read = options.read(typed);
      return read.ok ? undefined : read.problem;
    },
  });
  if (text === undefined || text === BACK) return text;
  const read = options.read(text);
  if (read.ok) options.keep(read.value);
  return text;
}

async function askTrainingType(answers: Answers, place: StepPlace): Promise<StepResult<unknown>> {
  const types = answers.provider!.capabilities.trainingTypes;
  const picked = await pickStep(
    place,
    types.map((type) => ({ label: type, type })),
    { placeholder: 'Training type (where and how the job runs)', active: (item) => item.type === answers.trainingType },
  );
  if (picked !== undefined && picked !== BACK) answers.trainingType = picked.type;
  return picked;
}
