import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors/messageOf';
import { createJobOnce } from '../../core/jobs/createJobOnce';
import type { FineTuneJob } from '../../core/jobs/job';
import { lineageMetadata, mergeMetadata, newRequestTag } from '../../core/jobs/lineage';
import type { CreateJobRequest } from '../../core/jobs/provider';
import { resolveModel } from '../../core/models/modelLookup';
import type { FileValidation } from '../../core/pipeline/validateFile';
import { readyOnDisk } from '../../workspaceFiles/inputFiles';
import { destinationHost } from '../upload/uploadConsent';
import { uploadDataset, type UploadServices } from '../upload/uploadDataset';
import { ensureTrustedWorkspace } from '../upload/workspaceTrust';
import { choiceLabel, type DatasetChoice } from './datasetChoices';
import type { JobDraft } from './jobDraft';
import { estimateLines } from './jobEstimate';
import { jobSummary } from './jobSummary';
import { formatProblem } from './methodFormat';
import { lifecycleLines, refusalOf } from './modelNotes';

/** The command J5's watcher registers: the Jobs tree picks the new job up and polls it. */
export const WATCH_COMMAND = 'fineTuneStudio.jobs.watch';

export type CreateOutcome =
  | { readonly status: 'created'; readonly job: FineTuneJob; readonly request: CreateJobRequest }
  /** The provider does not offer fine-tuning to this account: `explanation` says why and what else there is. */
  | { readonly status: 'refused'; readonly message: string; readonly explanation: string }
  | {
      readonly status: 'untrusted' | 'invalid' | 'declined' | 'cancelled' | 'failed';
      /** Why, as shown to the user. */
      readonly message: string;
    };

/** Answers to the launch's questions (tests, other features); consent is never assumed. */
export interface LaunchAnswers {
  /** Consent to upload local files (the upload confirmation). */
  readonly confirmUpload?: boolean;
  /** Reuse earlier uploads of identical content (default), or upload again. */
  readonly reuse?: boolean;
  /** The final confirmation. */
  readonly confirm?: boolean;
}

/** A dataset on the server, with what lineage records of it. */
interface ServerFile {
  readonly fileId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly validation?: FileValidation;
}

/**
 * Launches a drafted job: uploads local files (each through uploadDataset's checks and consent, reusing identical
 * uploads), builds the request with lineage metadata (content hash, file name, request tag), asks the final
 * confirmation with the estimated cost and the base model's known end dates, and creates the job exactly once
 * (createJobOnce). Then the Jobs view starts watching it.
 */
export async function launchJob(
  services: UploadServices,
  draft: JobDraft,
  answers: LaunchAnswers | undefined,
): Promise<CreateOutcome> {
  if (!ensureTrustedWorkspace('Creating a fine-tuning job', services.isTrusted()))
    return { status: 'untrusted', message: 'The workspace is not trusted: no job was created.' };
  const { connection, provider } = draft;
  const host = destinationHost(connection.baseUrl);

  const training = await onServer(services, draft, draft.training, answers);
  if ('status' in training) return training;
  const validation =
    draft.validation === undefined ? undefined : await onServer(services, draft, draft.validation, answers);
  if (validation !== undefined && 'status' in validation) return validation;

  let metadata: Record<string, string>;
  try {
    metadata = mergeMetadata(
      draft.metadata,
      lineageMetadata({ contentHash: training.sha256, fileName: training.fileName, requestTag: newRequestTag() }),
    );
  } catch (error) {
    return fail('invalid', `The metadata cannot be sent: ${messageOf(error)}`);
  }
  const request: CreateJobRequest = {
    model: draft.model,
    trainingFile: training.fileId,
    ...(validation === undefined ? {} : { validationFile: validation.fileId }),
    method: draft.method,
    hyperparameters: draft.hyperparameters,
    ...(draft.suffix === undefined ? {} : { suffix: draft.suffix }),
    ...(draft.seed === undefined ? {} : { seed: draft.seed }),
    metadata,
    ...(draft.trainingType === undefined ? {} : { trainingType: draft.trainingType }),
  };

  const { message, detail } = jobSummary({
    connectionName: connection.name,
    host,
    request,
    trainingLabel: choiceLabel(draft.training),
    validationLabel: draft.validation === undefined ? undefined : choiceLabel(draft.validation),
    estimate: estimateLines(training.validation, draft),
    lifecycle: lifecycleLines(draft.model, connection.kind),
    deploymentNote: provider.capabilities.deploymentNote,
  });
  const create = 'Create Job';
  const confirmed =
    answers !== undefined
      ? answers.confirm === true
      : (await vscode.window.showWarningMessage(message, { modal: true, detail }, create)) === create;
  if (!confirmed) {
    services.log(`Creating a job of ${draft.model} on ${host} declined: nothing was created.`);
    return { status: 'declined', message: 'No job was created.' };
  }

  const controller = new AbortController();
  let job: FineTuneJob;
  try {
    job = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Creating the fine-tuning job on ${host}`,
        cancellable: true,
      },
      async (_progress, token) => {
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await createJobOnce(provider, request, { signal: controller.signal, log: services.log });
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (error) {
    if (controller.signal.aborted) return { status: 'cancelled', message: 'Creating the job was stopped.' };
    return failedCreate(services, error, host, answers === undefined, draft.training);
  }
  services.log(`Created ${job.id} (${job.status}) of ${job.model} on ${host}.`);
  try {
    await vscode.commands.executeCommand(WATCH_COMMAND, { connectionId: connection.id, jobId: job.id });
  } catch (error) {
    services.log(`Could not add ${job.id} to the Jobs view: ${messageOf(error)}`);
  }
  void vscode.window.showInformationMessage(`Created job ${job.id} (${job.status}).`);
  return { status: 'created', job, request };

  function fail(status: 'invalid' | 'failed', text: string): CreateOutcome {
    services.log(text);
    void vscode.window.showErrorMessage(text);
    return { status, message: text };
  }
}

/** The file id a dataset has on the server: uploaded now (after its checks and consent) or from an earlier upload. */
async function onServer(
  services: UploadServices,
  draft: JobDraft,
  choice: DatasetChoice,
  answers: LaunchAnswers | undefined,
): Promise<ServerFile | Exclude<CreateOutcome, { status: 'created' | 'refused' }>> {
  if (choice.kind === 'local') {
    // Unsaved changes in an editor are saved first (or knowingly left out): the file on disk is what is uploaded.
    if (!(await readyOnDisk(choice.uri, answers === undefined, 'upload')))
      return { status: 'cancelled', message: 'Nothing was uploaded. No job was created.' };
    const uploaded = await uploadDataset(
      services,
      draft.connection,
      choice.uri,
      answers === undefined ? undefined : { confirm: answers.confirmUpload, reuse: answers.reuse },
      {
        // The base model's tokenizer and example limit, when it is known, are the ones its training applies.
        countTokensFor: resolveModel(draft.model) === undefined ? undefined : draft.model,
        check: (validation, fileName) => formatProblem(draft.method, validation.format, fileName),
      },
    );
    if (!('file' in uploaded)) return { status: uploaded.status, message: `${uploaded.message} No job was created.` };
    return {
      fileId: uploaded.file.id,
      sha256: uploaded.sha256,
      fileName: lineageFileName(choice.uri),
      validation: uploaded.validation,
    };
  }
  const { record } = choice;
  const problem = formatProblem(draft.method, record.format, record.filename);
  if (problem !== undefined) {
    const text = `${problem} No job was created.`;
    void vscode.window.showErrorMessage(text);
    return { status: 'invalid', message: text };
  }
  // A file deleted on the server since would only make the create fail later, with a less helpful message.
  let present: boolean;
  try {
    present = (await draft.provider.fileInfo(record.fileId, AbortSignal.timeout(30_000))) !== undefined;
  } catch (error) {
    services.log(`Could not check whether ${record.fileId} is still on the server: ${messageOf(error)}`);
    present = true;
  }
  if (!present) {
    await services.records.forgetFile(draft.connection.id, record.fileId);
    const text = `${record.filename} (${record.fileId}) is no longer on the server: choose the local file to upload it again. No job was created.`;
    void vscode.window.showErrorMessage(text);
    return { status: 'failed', message: text };
  }
  return { fileId: record.fileId, sha256: record.sha256, fileName: record.filename };
}

/**
 * The file name lineage records: the workspace-relative path (so Open Training File finds it again), else the base
 * name alone: an absolute path would tell the server the user's folder names.
 */
function lineageFileName(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri, false);
  return isAbsolute(relative) ? basename(uri.fsPath) : relative;
}

/**
 * Says why the create failed: a refusal of fine-tuning to this organisation with the alternatives we support (a modal
 * when the user is there to read it), else the provider's error (status, code, param and the API's message).
 */
function failedCreate(
  services: UploadServices,
  error: unknown,
  host: string,
  interactive: boolean,
  training: DatasetChoice,
): CreateOutcome {
  const message = `Could not create the job on ${host}: ${messageOf(error)}`;
  services.log(message);
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    const { explanation, alternatives } = refusal;
    services.log(explanation);
    const labels = alternatives.map((alternative) => alternative.label);
    const shown = interactive
      ? vscode.window.showErrorMessage(message, { modal: true, detail: explanation }, ...labels)
      : vscode.window.showErrorMessage(`${message} ${explanation}`, ...labels);
    void shown.then((label) => {
      const command = alternatives.find((alternative) => alternative.label === label)?.command;
      if (command === undefined) return;
      // Export Dataset As… starts from the training file; Add Connection asks the kind (Azure OpenAI is one).
      const argument = command === 'fineTuneStudio.exportAs' && training.kind === 'local' ? training.uri : undefined;
      void vscode.commands.executeCommand(command, argument);
    });
    return { status: 'refused', message, explanation };
  }
  void vscode.window.showErrorMessage(message);
  return { status: 'failed', message };
}
