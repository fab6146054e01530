import type OpenAI from 'openai';
import { basename, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ModelSpec } from '../core/batch/batchTypes';
import type { Connection } from '../core/connections/connection';
import { messageOf } from '../core/errors/messageOf';
import { outputPathFor } from '../core/io/outputPath';
import { plural } from '../core/text/plural';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { commandArgs } from '../workspaceFiles/commandArgs';
import { resolveInputFile, type InputKind } from '../workspaceFiles/inputFiles';
import { askParameters } from './askParameters';
import { RUN_BATCH_ANSWER_KEYS, type RunBatchAnswers, type RunBatchResult } from './batchAnswers';
import type { BatchLog } from './batchLog';
import { executeRun, type BatchJob } from './executeRun';
import { pickModels } from './pickModels';
import { modelChoicesProblem, modelSpecs, type ModelChoice } from './modelSpecs';
import { concurrencyFrom } from './parameterInput';
import { prepareResults } from './prepareResults';
import { reportOutcome } from './reportOutcome';

/** Prompt files a batch run reads: chat or prompt JSONL, CSV or TSV with a header row. */
const PROMPTS_INPUT: InputKind = {
  noun: 'file of prompts',
  extensions: ['.jsonl', '.csv', '.tsv'],
  filters: { 'Prompts (JSONL, CSV)': ['jsonl', 'csv', 'tsv'], 'All Files': ['*'] },
};

const RESULTS_FILTERS = { 'JSON Lines': ['jsonl'], 'All Files': ['*'] };

/** What the command shares across runs. */
export interface BatchServices {
  readonly registry: ConnectionRegistry;
  readonly log: BatchLog;
  /** Results files being written now: a second run into one would interleave its lines. */
  readonly running: Set<string>;
}

/**
 * `fineTuneStudio.runBatch`: asks every prompt of a file of 1–4 models and appends one record per answer to a
 * results file, resumable. Takes `(uri?, answers?)` like the curation commands; with answers it asks nothing.
 * Resolves with the final progress and the results file, or undefined when it stopped before running.
 */
export async function runBatchCommand(
  services: BatchServices,
  first?: unknown,
  second?: unknown,
): Promise<RunBatchResult | undefined> {
  const { target, answers } = commandArgs<RunBatchAnswers>(first, second, RUN_BATCH_ANSWER_KEYS);
  const interactive = answers === undefined;
  const given = answers?.input === undefined ? target : asUri(answers.input);
  const inputUri = await resolveInputFile(given, interactive, 'run', PROMPTS_INPUT);
  if (inputUri === undefined) return undefined;
  const input = inputUri.fsPath;

  const choices = interactive ? await askModels(services.registry) : (answers.models ?? []);
  if (choices === undefined) return undefined;
  const problem = modelChoicesProblem(choices) ?? unknownConnection(services.registry, choices);
  if (problem !== undefined) {
    void vscode.window.showErrorMessage(`Run Batch: ${problem}`);
    return undefined;
  }
  const models = modelSpecs(choices);

  const defaultOutput = outputPathFor(input, 'results');
  const output = interactive ? await askOutput(defaultOutput) : (asPath(answers.output) ?? defaultOutput);
  if (output === undefined) return undefined;
  const concurrency =
    answers?.concurrency ??
    concurrencyFrom(vscode.workspace.getConfiguration('fineTuneStudio').get<unknown>('batch.concurrency'));
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    void vscode.window.showErrorMessage('Run Batch: concurrency must be a whole number of at least 1.');
    return undefined;
  }
  const connections = await clientsOf(services.registry, models);
  if (connections === undefined) return undefined;
  services.log.hide([...connections.values()].map((entry) => entry.client.apiKey));

  // Reserved before the file is touched (Replace deletes it), and also under the path a link there points to.
  const outputPath = resolve(output);
  if (alreadyRunning(services, outputPath)) return undefined;
  const reserved = [outputPath];
  services.running.add(outputPath);
  try {
    const existing = interactive ? 'ask' : answers.resume === false ? 'replace' : 'resume';
    const prepared = await prepareResults(output, input, existing, services.log);
    if (prepared === undefined) return undefined;
    if (!reserved.includes(prepared.path)) {
      if (alreadyRunning(services, prepared.path)) return undefined;
      services.running.add(prepared.path);
      reserved.push(prepared.path);
    }
    logStart(services.log, { input, output: prepared.path, models, connections, concurrency });
    return await runAndReport(services, {
      input,
      output: prepared.path,
      models,
      connections,
      concurrency,
      previous: prepared.previous,
      log: services.log,
      ...(answers?.signal === undefined ? {} : { signal: answers.signal }),
      ...(answers?.cancelAfter === undefined ? {} : { cancelAfter: answers.cancelAfter }),
    });
  } finally {
    for (const path of reserved) services.running.delete(path);
  }
}

/** Runs the batch and says how it ended; undefined (after saying why) when the input or results failed. */
async function runAndReport(services: BatchServices, job: BatchJob): Promise<RunBatchResult | undefined> {
  const inputName = basename(job.input);
  try {
    const outcome = await executeRun(job, `Run Batch: ${inputName}`);
    const outputUri = vscode.Uri.file(job.output);
    if (outcome.stopped && outcome.progress.total === 0) {
      void vscode.window.showInformationMessage('Batch run stopped before anything was asked.');
    } else if (outcome.prompts === 0) {
      void vscode.window.showWarningMessage(`${inputName} has no prompts to ask (see the Batch Runs log).`);
    } else {
      reportOutcome(outcome, outputUri, job.models.length, services.log);
    }
    return { output: outputUri, progress: outcome.progress, prompts: outcome.prompts, stopped: outcome.stopped };
  } catch (error) {
    const message = `Could not run the batch on ${inputName}: ${messageOf(error)}`;
    services.log.error(message);
    void vscode.window.showErrorMessage(
      `${message} Every result written so far is kept; run the command again with the same results file to resume.`,
    );
    return undefined;
  }
}

async function askModels(registry: ConnectionRegistry): Promise<ModelChoice[] | undefined> {
  const choices = await pickModels(registry);
  if (choices === undefined) return undefined;
  // Asked under the labels the run will use, so two of one model are told apart ("m", "m #2").
  const parameters = await askParameters(modelSpecs(choices).map((spec) => spec.label));
  return parameters?.map((ownParameters, i) => ({ ...choices[i]!, parameters: ownParameters }));
}

async function askOutput(defaultPath: string): Promise<string | undefined> {
  const uri = await vscode.window.showSaveDialog({
    title: 'Run Batch: Results File',
    defaultUri: vscode.Uri.file(defaultPath),
    filters: RESULTS_FILTERS,
    saveLabel: 'Run',
  });
  if (uri === undefined) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Run Batch writes its results to a file on disk: choose a local path.');
    return undefined;
  }
  return uri.fsPath;
}

function alreadyRunning(services: BatchServices, path: string): boolean {
  if (!services.running.has(path)) return false;
  void vscode.window.showErrorMessage(`A batch run is already writing ${basename(path)}; wait for it or stop it.`);
  return true;
}

function unknownConnection(registry: ConnectionRegistry, choices: readonly ModelChoice[]): string | undefined {
  const missing = choices.find((choice) => registry.get(choice.connection) === undefined);
  return missing === undefined ? undefined : `There is no connection with the id “${missing.connection}”.`;
}

/** The client of every connection the models use; undefined after saying why one cannot be had. */
async function clientsOf(
  registry: ConnectionRegistry,
  models: readonly ModelSpec[],
): Promise<Map<string, { connection: Connection; client: OpenAI }> | undefined> {
  const entries = new Map<string, { connection: Connection; client: OpenAI }>();
  for (const model of models) {
    if (entries.has(model.connection)) continue;
    const connection = registry.get(model.connection);
    try {
      if (connection === undefined) throw new Error(`There is no connection with the id “${model.connection}”.`);
      entries.set(model.connection, { connection, client: await registry.clientFor(model.connection) });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Could not use “${connection?.name ?? model.connection}”: ${messageOf(error)}`,
      );
      return undefined;
    }
  }
  return entries;
}

function logStart(
  log: BatchLog,
  run: {
    input: string;
    output: string;
    models: readonly ModelSpec[];
    connections: ReadonlyMap<string, { connection: Connection }>;
    concurrency: number;
  },
): void {
  log.info(`Batch run: ${run.input} → ${run.output} (${plural(run.concurrency, 'request')} at a time per connection)`);
  for (const model of run.models) {
    const connection = run.connections.get(model.connection)?.connection;
    const parameters = JSON.stringify(model.parameters);
    log.info(`  ${model.label}: ${model.model} on ${connection?.name ?? model.connection}, parameters ${parameters}`);
  }
}

function asUri(value: string | vscode.Uri): vscode.Uri {
  return typeof value === 'string' ? vscode.Uri.file(value) : value;
}

function asPath(value: string | vscode.Uri | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? value : value.fsPath;
}
