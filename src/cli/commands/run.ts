import { lstat, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createAsk } from '../../core/batch/askModel';
import { pairKey, type BatchPrompt, type ModelSpec } from '../../core/batch/batchTypes';
import { readPrompts, type PromptSkip, type ReadPromptsOptions } from '../../core/batch/promptSource';
import { readResults, ResultsAppender, type ResultsRead } from '../../core/batch/resultsFile';
import { runBatch } from '../../core/batch/runBatch';
import type { SamplingParameters } from '../../core/connections/buildRequest';
import { normalizeBaseUrl } from '../../core/connections/baseUrl';
import type { Connection } from '../../core/connections/connection';
import { createClient, type ClientOptions } from '../../core/connections/createClient';
import { messageOf } from '../../core/errors/messageOf';
import { errorCode, fileError } from '../../core/io/fileErrors';
import { checkInputFile } from '../../core/io/inputFile';
import { checkOutputTarget, newOutputMode, OutputTargetError } from '../../core/io/outputTarget';
import { assertNotProtected, ProtectedPathError } from '../../core/io/protectedPaths';
import { plural } from '../../core/text/plural';
import { terminalSafe, terminalSafeLines } from '../../core/text/terminalSafe';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { inputPathArg } from '../fileArgs';
import { numberOption } from '../numberOption';
import { parseCliArgs } from '../parseCliArgs';
import { progressReporter } from './runProgress';
import { RunTally, skippedText, summaryText } from './runSummary';

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
  system: { type: 'string' },
  format: { type: 'string' },
  column: { type: 'string' },
  'reference-column': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const USAGE = [
  'finetune-studio run PROMPTS --base-url URL --model M [--model M2 …] -o RESULTS.jsonl [options]',
  '  Asks every prompt of PROMPTS of each model (1 to 4) and appends one JSON record per answer to RESULTS.jsonl.',
  '  Running the same command again resumes: pairs already answered there are not asked again; failed ones are.',
  '  --base-url URL          an OpenAI-compatible server (e.g. https://api.openai.com/v1, http://localhost:11434/v1)',
  `  --api-key-env NAME      the environment variable holding the API key (default ${DEFAULT_API_KEY_ENV}; none for`,
  '                          local servers); the key is never printed nor written to the results',
  '  --model M, -m M         a model to ask; repeat for up to 4 (the same model twice is labelled "M #2")',
  '  -o, --output FILE       the results file (JSONL); its folder must exist',
  `  --concurrency N         requests at a time (default ${DEFAULT_CONCURRENCY})`,
  '  --temperature T, --top-p P, --max-tokens N, --seed N   sampling parameters (unset: the server default)',
  '  --system TEXT           a system prompt for prompts that have none of their own',
  '  --format chat|prompts|csv   the input format (default: by extension and first line)',
  '  --column NAME           the field or CSV column holding the prompt text',
  '  --reference-column NAME the field or CSV column holding the expected answer',
  '  --json                  print the summary as JSON',
  '  Exit code: 0 every pair answered, 1 a request failed (or the run stopped), 2 usage error.',
].join('\n');

/** What the command takes from its process; injected so tests need neither a terminal nor real variables. */
export interface RunCommandEnvironment {
  /** Where the API key's variable is looked up. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal: then progress is one line rewritten in place. */
  readonly stderrIsTerminal: () => boolean;
  /** SDK client settings (retries, timeout); default createClient's. */
  readonly clientOptions?: ClientOptions;
}

/** Everything a run needs, read from the command line. */
interface RunArgs {
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

/** `finetune-studio run` reading its key and terminal from `environment`. */
export function createRunCommand(environment: RunCommandEnvironment): CliCommand {
  return {
    name: 'run',
    summary: 'Ask every prompt of a file of up to 4 models; results as JSONL; resumable.',
    usage: USAGE,
    async run(args, io) {
      const options = parseRunArgs(args, io, environment.env);
      const { inputName, outputName } = options;
      await checkInputFile(options.input);
      await checkResultsPath(options.output, options.input);
      const previous = await readResults(options.output, { signal: io.signal });
      if (previous.records.length === 0 && previous.badLines.length > 0) {
        throw new UsageError(
          `${options.output} is not a results file (line ${previous.badLines[0]} is not a result record). ` +
            'Choose another output path.',
        );
      }
      if (previous.badLines.length > 0) {
        io.stderr(
          `warning: ${terminalSafe(outputName)}: ${linesText(previous.badLines)} not result records; ` +
            'they are kept and passed over.\n',
        );
      }

      // A first pass counts the prompts, for the total and ETA, and settles whole-file problems (an unknown column,
      // UTF-16) before the results file is touched.
      const tally = new RunTally(options.models);
      await countPrompts(options, previous, tally, io.signal);
      if (tally.prompts === 0) {
        const summary = tally.summary(inputName, outputName, false);
        io.stderr(skippedText(summary));
        io.stderr(`${terminalSafe(inputName)}: no prompts to ask.\n`);
        return 1;
      }
      if (io.signal?.aborted === true) throw abortError();

      const progress = progressReporter(io.stderr, environment.stderrIsTerminal());
      // Written while the abort is delivered: the entry point may end the process right after (see main.ts).
      const onStop = (): void => {
        progress.end();
        io.stderr(stoppedText(outputName, args));
      };
      io.signal?.addEventListener('abort', onStop, { once: true });
      let failure: { readonly error: unknown } | undefined;
      try {
        const appender = await openResults(options, previous);
        const client = createClient(options.connection, { apiKey: options.apiKey }, environment.clientOptions);
        try {
          await runBatch(promptsOnly(readPrompts(options.input, options.read)), options.models, {
            ask: createAsk(() => client, { maxTokensField: () => maxTokensField(options.connection) }),
            append: async (record) => {
              await appender.append(record);
              tally.written(record);
            },
            concurrency: () => options.concurrency,
            finished: previous.finished,
            totalPrompts: tally.prompts,
            onProgress: progress.update,
            ...(io.signal === undefined ? {} : { signal: io.signal }),
          });
        } catch (error) {
          failure = { error };
        } finally {
          await appender.close().catch((error: unknown) => (failure ??= { error }));
        }
      } finally {
        io.signal?.removeEventListener('abort', onStop);
        progress.end();
      }

      // Read again: the signal may have fired while the run went on.
      const stopped = isAborted(io.signal);
      const summary = tally.summary(inputName, outputName, stopped);
      io.stdout(options.json ? `${terminalSafeLines(JSON.stringify(summary, null, 2))}\n` : summaryText(summary));
      io.stderr(skippedText(summary));
      if (failure !== undefined) {
        io.stderr(
          `finetune-studio run: ${terminalSafe(messageOf(failure.error))}\n` +
            `The results written so far are kept in ${terminalSafe(outputName)}; run the same command again to resume.\n`,
        );
        return 1;
      }
      if (stopped) return 1;
      if (summary.failed > 0) {
        io.stderr(`Run the same command again to ask the ${plural(summary.failed, 'failed pair')} again.\n`);
        return 1;
      }
      return 0;
    },
  };
}

/** The command as the CLI runs it: the key from the process environment, progress by what stderr is. */
export const runCommand: CliCommand = createRunCommand({
  env: process.env,
  stderrIsTerminal: () => process.stderr.isTTY === true,
});

function parseRunArgs(args: readonly string[], io: CliIO, env: RunCommandEnvironment['env']): RunArgs {
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
  const parameters = samplingParameters(values);
  const labels = modelLabels(models);
  const specs = models.map((model, i): ModelSpec => ({
    label: labels[i]!,
    connection: connection.id,
    model,
    parameters,
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
  const temperature = numberOption(values.temperature, '--temperature', {
    min: 0,
    max: 2,
    expected: 'a number from 0 to 2',
  });
  const topP = numberOption(values['top-p'], '--top-p', { min: 0, max: 1, expected: 'a number from 0 to 1' });
  const maxTokens = numberOption(values['max-tokens'], '--max-tokens', {
    integer: true,
    min: 1,
    expected: 'a whole number of at least 1',
  });
  const seed = numberOption(values.seed, '--seed', { integer: true, expected: 'a whole number' });
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(seed === undefined ? {} : { seed }),
  };
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
function apiKeyFrom(env: RunCommandEnvironment['env'], name: string | undefined): string | undefined {
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

/**
 * Refuses results paths that must not be appended to: the input itself, folders, devices, FIFOs. An existing file
 * is fine (it is resumed), and a missing folder is said to be missing rather than created.
 */
async function checkResultsPath(output: string, input: string): Promise<void> {
  try {
    await assertNotProtected(output, [input]);
  } catch (error) {
    throw error instanceof ProtectedPathError ? new UsageError(error.message) : error;
  }
  const info = await lstat(output).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fileError('write', output, error);
  });
  if (info?.isDirectory() === true) throw new UsageError(`${output} is a folder: give the path of a results file.`);
  await checkOutputTarget(output).catch((error: unknown) => {
    throw error instanceof OutputTargetError ? new UsageError(error.message) : error;
  });
}

async function countPrompts(
  options: RunArgs,
  previous: ResultsRead,
  tally: RunTally,
  signal: AbortSignal | undefined,
): Promise<void> {
  const read = signal === undefined ? options.read : { ...options.read, signal };
  for await (const item of readPrompts(options.input, read)) {
    if ('skipped' in item) {
      tally.skipped(item);
      continue;
    }
    tally.prompts++;
    for (const model of options.models) {
      if (previous.finished.has(pairKey(item.key, model.label))) tally.answeredBefore(model.label);
    }
  }
}

/** The results file, cut back to its whole lines; a new one gets no permission bit the input lacks. */
async function openResults(options: RunArgs, previous: ResultsRead): Promise<ResultsAppender> {
  const mode = await newOutputMode([options.input]);
  return ResultsAppender.open(options.output, {
    validBytes: previous.validBytes,
    openFile: (path) => open(path, 'a+', mode),
  });
}

// The run pass reads without the signal: the runner stops pulling on abort and closes the input itself.
async function* promptsOnly(items: AsyncIterable<BatchPrompt | PromptSkip>): AsyncGenerator<BatchPrompt> {
  for await (const item of items) if (!('skipped' in item)) yield item;
}

function stoppedText(outputName: string, args: readonly string[]): string {
  return (
    `Stopped. Every finished result is kept in ${terminalSafe(outputName)}. To resume, run the same command again:\n` +
    `  ${terminalSafe(['finetune-studio', 'run', ...args].map(shellWord).join(' '))}\n`
  );
}

/** A word as a POSIX shell reads it back: plain when safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function linesText(lines: readonly number[]): string {
  const listed = lines.slice(0, 10).join(', ');
  const more = lines.length > 10 ? ` and ${lines.length - 10} more` : '';
  return lines.length === 1 ? `line ${listed} is` : `lines ${listed}${more} are`;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function abortError(): Error {
  const error = new Error('The run was stopped.');
  error.name = 'AbortError';
  return error;
}
