// Reading `POST /v1/fine_tuning/jobs` bodies: the model, files, method and hyperparameters (in `method` or the legacy
// top-level `hyperparameters`), suffix, seed, metadata and, in the Azure flavour, `trainingType` — with the 400s the
// API gives for bad values, each naming its `param`.
import { errorReply, invalidParameter, type ErrorReply } from './errors';
import { unrecognizedParameter } from './faults';
import type { FileStore } from './fileStore';
import type { ModelCatalog } from './models';
import { isRequestBody, type RequestBody } from './requestParams';

export type SimulatedMethod = 'supervised' | 'dpo';

/** Hyperparameters as asked: numbers, or `auto` until the job resolves them. */
export interface RequestedHyperparameters {
  n_epochs: 'auto' | number;
  batch_size: 'auto' | number;
  learning_rate_multiplier: 'auto' | number;
  /** DPO only. */
  beta?: 'auto' | number;
}

export interface JobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  method: SimulatedMethod;
  hyperparameters: RequestedHyperparameters;
  suffix: string | null;
  seed: number | null;
  metadata: Record<string, string> | null;
  trainingType?: string;
}

/** The refusal for `fault-refuse`: an organisation without fine-tuning access. The wording is plausible, not copied
 * from the real API (its exact text could not be confirmed). */
export function fineTuningRefused(model: string): ErrorReply {
  return errorReply(400, {
    message: `Fine-tuning jobs cannot be created for model ${model}: fine-tuning is not available to your organization (OpenAI-compatible simulator).`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_available',
  });
}

export function readJobRequest(
  body: unknown,
  context: { files: FileStore; models: ModelCatalog; azure: boolean },
): JobRequest | ErrorReply {
  if (!isRequestBody(body)) return invalidParameter(null, 'The body must be a JSON object.');
  if (!context.azure && 'trainingType' in body) return unrecognizedParameter('trainingType');
  const { model, suffix, seed, metadata, trainingType } = body;
  if (typeof model !== 'string' || model === '')
    return invalidParameter('model', "Missing required parameter: 'model'.");
  if (model === 'fault-refuse') return fineTuningRefused(model);
  if (!context.models.isFineTunable(model)) {
    return invalidParameter(
      'model',
      `Model ${model} is not available for fine-tuning or does not exist.`,
      'model_not_available',
    );
  }
  if (body.training_file === undefined || body.training_file === null) {
    return invalidParameter('training_file', "Missing required parameter: 'training_file'.");
  }
  const trainingFile = readFileId(body.training_file, 'training_file', context.files);
  if (typeof trainingFile !== 'string') return trainingFile;
  let validationFile: string | null = null;
  if (body.validation_file !== undefined && body.validation_file !== null) {
    const checked = readFileId(body.validation_file, 'validation_file', context.files);
    if (typeof checked !== 'string') return checked;
    validationFile = checked;
  }
  if (suffix !== undefined && suffix !== null && (typeof suffix !== 'string' || suffix.length > 64)) {
    return invalidParameter('suffix', "'suffix' must be a string of at most 64 characters.");
  }
  if (seed !== undefined && seed !== null && !(typeof seed === 'number' && Number.isInteger(seed))) {
    return invalidParameter('seed', "'seed' must be an integer.");
  }
  const checkedMetadata = readMetadata(metadata);
  if (checkedMetadata !== null && 'status' in checkedMetadata) return checkedMetadata as ErrorReply;
  if (trainingType !== undefined && typeof trainingType !== 'string') {
    return invalidParameter('trainingType', "'trainingType' must be a string.");
  }
  const method = readMethod(body);
  if ('status' in method) return method;
  return {
    model,
    trainingFile,
    validationFile,
    ...method,
    suffix: typeof suffix === 'string' && suffix !== '' ? suffix : null,
    seed: typeof seed === 'number' ? seed : null,
    metadata: checkedMetadata,
    ...(typeof trainingType === 'string' ? { trainingType } : {}),
  };
}

/** The id of an uploaded fine-tuning file, or the API's 400 for anything else. */
function readFileId(id: unknown, param: 'training_file' | 'validation_file', files: FileStore): string | ErrorReply {
  const file = typeof id === 'string' ? files.get(id) : undefined;
  if (!file || file.object.purpose !== 'fine-tune') {
    return invalidParameter(param, `invalid ${param}: ${JSON.stringify(id)}`, 'invalid_file');
  }
  return file.object.id;
}

function readMetadata(value: unknown): Record<string, string> | ErrorReply | null {
  if (value === undefined || value === null) return null;
  const bad = invalidParameter('metadata', "'metadata' must be an object of at most 16 string values.");
  if (!isRequestBody(value)) return bad;
  const entries = Object.entries(value);
  if (entries.length > 16) return bad;
  for (const [key, text] of entries) {
    if (key.length > 64 || typeof text !== 'string' || text.length > 512) return bad;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function readMethod(
  body: RequestBody,
): { method: SimulatedMethod; hyperparameters: RequestedHyperparameters } | ErrorReply {
  const method = body.method;
  let type: unknown = 'supervised';
  let given: unknown = body.hyperparameters;
  if (method !== undefined && method !== null) {
    if (!isRequestBody(method)) return invalidParameter('method', "'method' must be an object with a 'type'.");
    type = method.type;
    if (type === 'reinforcement') {
      return invalidParameter('method.type', 'Reinforcement fine-tuning is not available for this model.');
    }
    if (type !== 'supervised' && type !== 'dpo') {
      return invalidParameter('method.type', "'method.type' must be 'supervised', 'dpo' or 'reinforcement'.");
    }
    const settings = method[type];
    if (settings !== undefined && !isRequestBody(settings)) {
      return invalidParameter(`method.${type}`, `'method.${type}' must be an object.`);
    }
    if (settings?.hyperparameters !== undefined) given = settings.hyperparameters;
  }
  const hyperparameters = readHyperparameters(given, type as SimulatedMethod);
  if ('status' in hyperparameters) return hyperparameters;
  return { method: type as SimulatedMethod, hyperparameters };
}

const HYPERPARAMETER_RULES = {
  n_epochs: (value: number) => Number.isInteger(value) && value >= 1 && value <= 50,
  batch_size: (value: number) => Number.isInteger(value) && value >= 1 && value <= 256,
  learning_rate_multiplier: (value: number) => value > 0 && value <= 10,
  beta: (value: number) => value > 0 && value <= 2,
} as const;

function readHyperparameters(value: unknown, method: SimulatedMethod): RequestedHyperparameters | ErrorReply {
  const given = value === undefined || value === null ? {} : value;
  if (!isRequestBody(given)) return invalidParameter('hyperparameters', "'hyperparameters' must be an object.");
  const read: Record<string, 'auto' | number> = {};
  for (const [name, isValid] of Object.entries(HYPERPARAMETER_RULES)) {
    if (name === 'beta' && method !== 'dpo') continue;
    const setting = given[name] ?? 'auto';
    if (setting !== 'auto' && !(typeof setting === 'number' && isValid(setting))) {
      return invalidParameter(`hyperparameters.${name}`, `Invalid value for '${name}': ${JSON.stringify(setting)}.`);
    }
    read[name] = setting;
  }
  return read as unknown as RequestedHyperparameters;
}
