// The command line of `finetune-studio run`: its options and usage text, read into what one run needs.
import { resolve } from 'node:path';
import type { ModelSpec } from '../../core/batch/batchTypes';
import { parseParameterText, SAMPLING_RANGES } from '../../core/batch/parameterText';
import type { ReadPromptsOptions } from '../../core/batch/promptSource';
import type { SamplingParameters } from '../../core/connections/buildRequest';
import { normalizeBaseUrl } from '../../core/connections/baseUrl';
import type { Connection } from '../../core/connections/connection';
import { UsageError, type CliIO } from '../command';
import { inputPathArg } from '../fileArgs';
import { numberOption } from '../numberOption';
import { parseCliArgs } from '../parseCliArgs';

/** Models one run asks side by side, as the playground's columns. */
export const MAX_MODELS = 4;
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_API_KEY_ENV = 'OPENAI_API_KEY';

const RUN_OPTIONS = {
  'base-url': { type: 'string' },
  'api-key-env': { type: 'string' },
  model: { type: 'string', short: 'm', multiple: true },
  output: { type: 'string', short: 'o' },
  concurrency: { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  'max-tokens': { type: 'string' },
  seed: { type: 'string' },
  params: { type: 'string', multiple: true },
  system: { type: 'string' },
  format: { type: 'string' },
  column: { type: 'string' },
  'reference-column': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const RUN_USAGE = [
  'finetune-studio run PROMPTS --base-url URL --model M [--model M2 …] -o RESULTS.jsonl [options]',
  '  Asks every prompt of PROMPTS of each model (1 to 4) and appends one JSON record per answer to RESULTS.jsonl.',
  '  Running the same command again resumes: pairs already answered there are not asked again; failed ones are.',
  '  --base-url URL          an OpenAI-compatible server (e.g. https://api.openai.com/v1, http://localhost:11434/v1)',
  `  --api-key-env NAME      the environment variable holding the API key (default ${DEFAULT_API_KEY_ENV}; none for`,
  '                          local servers); the key is never printed nor written to the results',
  '  --model M, -m M         a model to ask; repeat for up to 4 (the same model twice is labelled "M #2")',
  '  -o, --output FILE       the results file (JSONL); its folder must exist',
  `  --concurrency N         requests at a time (default ${DEFAULT_CONCURRENCY})`,
  '  --temperature T, --top-p P, --max-tokens N, --seed N   sampling parameters for every model (unset: the',
  '                          server default); --params overrides them name by name',
  '  --params TEXT           the playground\'s parameters as one text, e.g. "temperature=0.7 top_p=0.9 max_tokens=300',
  '                          seed=7 presence_penalty=0.5 frequency_penalty=0 stop=END" (stop up to 4 times; a value',
  '                          with spaces or escapes in JSON double quotes: stop="\\n\\n"); give it once for every',
  '                          model, or once per --model in the same order',
  '  --system TEXT           a system prompt for prompts that have none of their own',
  '  --format chat|prompts|csv   the input format (default: by extension and first line)',
  '  --column NAME           the field or CSV column holding the prompt text',
  '  --reference-column NAME the field or CSV column holding the expected answer',
  '  --json                  print the summary as JSON',
  '  Exit code: 0 every pair answered, 1 a request failed (or the run stopped), 2 usage error.',
].join('\n');

/** Environment variables by name, as `process.env` holds them. */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** Everything a run needs, read from the command line. */
export interface RunArgs {
  readonly input: string;
  readonly output: string;
  /** The paths as given, for messages. */
  readonly inputName: string;
  readonly outputName: string;
  readonly connection: Connection;
  readonly apiKey: string | undefined;
  readonly models: readonly ModelSpec[];
  readonly concurrency: number;
  readonly read: ReadPromptsOptions;
  readonly json: boolean;
}

export function parseRunArgs(args: readonly string[], io: CliIO, env: EnvironmentVariables): RunArgs {
  const { values, positionals } = parseCliArgs(args, RUN_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('Give exactly one PROMPTS file.');
  const input = inputPathArg(io, positionals[0]!);
  if (values.output === undefined) {
    throw new UsageError('Give the results file with -o (running the same command again resumes into it).');
  }
  const output = resolve(io.cwd, values.output);

  if (values['base-url'] === undefined) throw new UsageError('Give the server with --base-url URL.');
  const normalized = normalizeBaseUrl(values['base-url'], 'compatible');
  if (!normalized.ok) throw new UsageError(`--base-url: ${normalized.message}`);
  const baseUrl = normalized.url;
  const connection: Connection = {
    id: baseUrl,
    name: baseUrl,
    kind: new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'compatible',
    baseUrl,
  };

  const models = values.model ?? [];
  if (models.length === 0) throw new UsageError('Give at least one --model.');
  if (models.length > MAX_MODELS) {
    throw new UsageError(`Give at most ${MAX_MODELS} models (--model was given ${models.length} times).`);
  }
  if (models.some((model) => model.trim() === '')) throw new UsageError('--model must not be empty.');
  const parameters = modelParameters(models, samplingParameters(values), values.params ?? []);
  const labels = modelLabels(models);
  const specs = models.map((model, i): ModelSpec => ({
    label: labels[i]!,
    connection: connection.id,
    model,
    parameters: parameters[i]!,
  }));

  const format = values.format;
  if (format !== undefined && format !== 'chat' && format !== 'prompts' && format !== 'csv') {
    throw new UsageError(`--format must be chat, prompts or csv, not ${JSON.stringify(format)}.`);
  }
  const read: ReadPromptsOptions = {
    ...(format === undefined ? {} : { format }),
    ...(values.column === undefined ? {} : { column: values.column }),
    ...(values['reference-column'] === undefined ? {} : { referenceColumn: values['reference-column'] }),
    ...(values.system === undefined ? {} : { systemPrompt: values.system }),
  };
  const concurrency = numberOption(
    values.concurrency,
    '--concurrency',
    { integer: true, min: 1, max: MAX_CONCURRENCY, expected: `a whole number from 1 to ${MAX_CONCURRENCY}` },
    DEFAULT_CONCURRENCY,
  );
  return {
    input,
    output,
    inputName: positionals[0]!,
    outputName: values.output,
    connection,
    apiKey: apiKeyFrom(env, values['api-key-env']),
    models: specs,
    concurrency,
    read,
    json: values.json === true,
  };
}

function samplingParameters(values: {
  temperature?: string;
  'top-p'?: string;
  'max-tokens'?: string;
  seed?: string;
}): SamplingParameters {
  const temperature = numberOption(values.temperature, '--temperature', SAMPLING_RANGES.temperature);
  const topP = numberOption(values['top-p'], '--top-p', SAMPLING_RANGES.topP);
  const maxTokens = numberOption(values['max-tokens'], '--max-tokens', SAMPLING_RANGES.maxTokens);
  const seed = numberOption(values.seed, '--seed', SAMPLING_RANGES.seed);
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/**
 * Each model's parameters: the options' defaults, overridden name by name by its --params (one for all models, or
 * one per model in order).
 */
function modelParameters(
  models: readonly string[],
  defaults: SamplingParameters,
  texts: readonly string[],
): SamplingParameters[] {
  if (texts.length > 1 && texts.length !== models.length) {
    throw new UsageError(
      `Give one --params for every model, or one per --model in order: --params was given ${texts.length} times ` +
        `for ${models.length} ${models.length === 1 ? 'model' : 'models'}.`,
    );
  }
  const own = texts.map((text, i) => {
    const result = parseParameterText(text);
    if (result.ok) return result.parameters;
    const which = texts.length === 1 ? '--params' : `--params for ${models[i]!} (model ${i + 1})`;
    throw new UsageError(`${which}: ${result.message}`);
  });
  return models.map((_, i) => ({ ...defaults, ...(own.length === 1 ? own[0] : own[i]) }));
}

/**
 * Unique labels for the models of a run: the model id, and `#2`, `#3`… after it when the same id comes again (each
 * has its own records and resumes on its own).
 */
export function modelLabels(models: readonly string[]): string[] {
  const used = new Set<string>();
  return models.map((model) => {
    let label = model;
    for (let n = 2; used.has(label); n++) label = `${model} #${n}`;
    used.add(label);
    return label;
  });
}

/**
 * OpenAI takes `max_completion_tokens` for every chat model and only it for reasoning models; compatible servers
 * (Ollama, vLLM, llama.cpp) mostly know only `max_tokens`.
 */
export function maxTokensField(connection: Connection): 'max_tokens' | 'max_completion_tokens' {
  return connection.kind === 'openai' ? 'max_completion_tokens' : 'max_tokens';
}

// Shell variable names: anything else is probably the key itself pasted in by mistake, and is never echoed.
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The API key, read only from the environment: a key on the command line would end up in shell history and process
 * lists. The default variable may be unset (local servers need no key); one named with --api-key-env must be set.
 */
function apiKeyFrom(env: EnvironmentVariables, name: string | undefined): string | undefined {
  if (name === undefined) {
    const key = env[DEFAULT_API_KEY_ENV];
    return key === undefined || key === '' ? undefined : key;
  }
  if (!VARIABLE_NAME.test(name)) {
    throw new UsageError(
      '--api-key-env takes the NAME of an environment variable holding the key (e.g. OPENAI_API_KEY), not the key.',
    );
  }
  const key = env[name];
  if (key === undefined || key === '') {
    throw new UsageError(`The environment variable ${name} (from --api-key-env) is not set or is empty.`);
  }
  return key;
}
