import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../../core/connections';
import { messageOf } from '../../core/errors/messageOf';
import type { UploadedFile } from '../../core/jobs/job';
import type { FineTuneProvider } from '../../core/jobs/provider';
import { validateFile, type FileValidation } from '../../core/pipeline/validateFile';
import { readSettings } from '../../settings/settings';
import { withCancellableProgress } from '../../workers/cancellableProgress';
import { sha256OfFile } from '../../core/jobs/lineage';
import { blockedMessage, consentMessage, destinationHost, uploadVerdict } from './uploadConsent';
import type { UploadRecords } from './uploadRecords';
import { ensureTrustedWorkspace } from './workspaceTrust';

/** What uploading needs from the extension. */
export interface UploadServices {
  readonly records: UploadRecords;
  /** The provider for a connection (its client carries that connection's key and nothing else's). */
  readonly providerFor: (connection: Connection) => Promise<FineTuneProvider>;
  /** The bundled validation worker (dist/validate-worker.js). */
  readonly workerPath: string;
  /** Read on every run: trust can be granted while the window is open. */
  readonly isTrusted: () => boolean;
  /** Where what happened is written (never a key: ids, names, hosts and counts only). */
  readonly log: (message: string) => void;
}

/** What a caller adds to the upload's checks. */
export interface UploadOptions {
  /** Count tokens for this model (a job's base model) instead of the configured one. */
  readonly countTokensFor?: string;
  /** A further reason not to upload the file (e.g. the wrong format for a job's method), or undefined. */
  readonly check?: (validation: FileValidation, fileName: string) => string | undefined;
}

/**
 * Answers that skip the questions (tests, other features). Consent is never assumed: without `confirm: true`
 * nothing is uploaded.
 */
export interface UploadAnswers {
  readonly connectionId?: string;
  /** Path of the file to upload. */
  readonly file?: string;
  /** The confirmation's answer; absent means no. */
  readonly confirm?: boolean;
  /** Reuse an earlier upload of identical content (default); false uploads again. */
  readonly reuse?: boolean;
}

/** A file the server has with the dataset's bytes, and what validation found in them. */
export interface UploadDone {
  readonly status: 'uploaded' | 'reused';
  readonly file: UploadedFile;
  readonly sha256: string;
  /** The local file's name (what lineage records). */
  readonly fileName: string;
  readonly validation: FileValidation;
}

export interface UploadStopped {
  readonly status: 'untrusted' | 'invalid' | 'declined' | 'cancelled' | 'failed';
  /** Why, as shown to the user. */
  readonly message: string;
}

export type UploadOutcome = UploadDone | UploadStopped;

/**
 * Uploads one dataset to a connection's server, in this order so nothing leaves the machine unasked: workspace trust;
 * validation (errors block, warnings are shown in the confirmation) and the content hash; reuse of an earlier upload
 * of the same bytes that the server still has (unless the user asks to upload again); the modal confirmation naming
 * file, size, examples, estimated training tokens and destination host; then the upload, with progress and cancel.
 * `answers` (tests, other features) replace every question.
 */
export async function uploadDataset(
  services: UploadServices,
  connection: Connection,
  uri: vscode.Uri,
  answers: UploadAnswers | undefined,
  options: UploadOptions = {},
): Promise<UploadOutcome> {
  const fileName = basename(uri.fsPath);
  const host = destinationHost(connection.baseUrl);
  if (!ensureTrustedWorkspace('Uploading a training file', services.isTrusted()))
    return { status: 'untrusted', message: 'The workspace is not trusted: nothing was uploaded.' };

  let bytes: number;
  try {
    const info = await stat(uri.fsPath);
    if (!info.isFile()) return stopped('failed', `${uri.fsPath} is not a file: nothing was uploaded.`);
    bytes = info.size;
  } catch (error) {
    return stopped('failed', `Could not read ${uri.fsPath}: ${messageOf(error)}`);
  }

  const checked = await checkDataset(services, uri, fileName, options.countTokensFor);
  if ('status' in checked) return checked;
  const { validation, sha256 } = checked;
  const verdict = uploadVerdict(validation);
  if (verdict.errors > 0) {
    const { message, detail } = blockedMessage(fileName, verdict);
    const show = 'Show Problems';
    void vscode.window.showErrorMessage(`${message} ${detail}`, show).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('fineTuneStudio.validateFile', uri);
    });
    services.log(`Upload of ${fileName} to ${host} blocked: ${verdict.errors} errors.`);
    return { status: 'invalid', message };
  }
  const problem = options.check?.(validation, fileName);
  if (problem !== undefined) return stopped('invalid', `${problem} Nothing was uploaded.`);

  let provider: FineTuneProvider;
  try {
    provider = await services.providerFor(connection);
  } catch (error) {
    return stopped('failed', `Could not reach “${connection.name}”: ${messageOf(error)}`);
  }

  const earlier = await earlierUpload(services, provider, connection, sha256);
  if (earlier !== undefined) {
    const reuse = answers !== undefined ? answers.reuse !== false : await askReuse(fileName, host, earlier);
    if (reuse === undefined) return stopped('cancelled', 'Nothing was uploaded.', false);
    if (reuse) {
      services.log(`Reusing ${earlier.id} on ${host} for ${fileName} (sha256 ${sha256}).`);
      void vscode.window.showInformationMessage(`${fileName} is already on ${host} as ${earlier.id}: using that file.`);
      return { status: 'reused', file: earlier, sha256, fileName, validation };
    }
  }

  const { message, detail } = consentMessage({
    fileName,
    bytes,
    examples: validation.examples,
    tokens:
      validation.stats === undefined
        ? undefined
        : {
            perEpoch: validation.stats.billingTokens,
            epochs: validation.stats.epochs,
            charged: validation.stats.chargedTokens,
            model: validation.stats.model,
          },
    connectionName: connection.name,
    host,
    verdict,
  });
  const upload = 'Upload';
  const consent =
    answers !== undefined
      ? answers.confirm === true
      : (await vscode.window.showWarningMessage(message, { modal: true, detail }, upload)) === upload;
  if (!consent) return stopped('declined', 'The upload was declined: nothing was sent.', false);

  let file: UploadedFile;
  try {
    file = await withCancellableProgress(`Uploading ${fileName} to ${host}`, (signal, onProgress) =>
      provider.upload({ path: uri.fsPath, filename: fileName, bytes }, { signal, onProgress }),
    );
  } catch (error) {
    if (error instanceof vscode.CancellationError)
      return stopped('cancelled', `The upload of ${fileName} was cancelled.`);
    return stopped('failed', `Could not upload ${fileName} to ${host}: ${messageOf(error)}`);
  }
  await services.records.remember(connection.id, {
    sha256,
    fileId: file.id,
    filename: fileName,
    bytes,
    uploadedAt: Date.now(),
    ...(validation.format === undefined ? {} : { format: validation.format }),
  });
  services.log(`Uploaded ${fileName} (${bytes} bytes, sha256 ${sha256}) to ${host} as ${file.id}.`);
  void vscode.window.showInformationMessage(`Uploaded ${fileName} to ${host} as ${file.id}.`);
  return { status: 'uploaded', file, sha256, fileName, validation };

  function stopped(status: UploadStopped['status'], text: string, show = true): UploadStopped {
    services.log(`Upload of ${fileName} to ${host}: ${text}`);
    if (show && status !== 'cancelled') void vscode.window.showErrorMessage(text);
    return { status, message: text };
  }
}

/**
 * Validation with the user's settings (token counts for `model`, else the configured model) and the content hash,
 * read side by side under one cancellable progress.
 */
async function checkDataset(
  services: UploadServices,
  uri: vscode.Uri,
  fileName: string,
  model: string | undefined,
): Promise<{ validation: FileValidation; sha256: string } | UploadStopped> {
  const settings = readSettings(uri);
  try {
    const [validation, sha256] = await withCancellableProgress(
      `Checking ${fileName} before uploading`,
      (signal, onProgress) =>
        Promise.all([
          validateFile(uri.fsPath, {
            format: settings.format,
            model: model ?? settings.model,
            defaultExampleTokenLimit: settings.defaultExampleTokenLimit,
            severities: settings.severities,
            maxProblemsPerCode: settings.maxProblemsPerCode,
            workerPath: services.workerPath,
            signal,
            onProgress,
          }),
          sha256OfFile(uri.fsPath, signal),
        ]),
    );
    return { validation, sha256 };
  } catch (error) {
    if (error instanceof vscode.CancellationError) return { status: 'cancelled', message: 'Nothing was uploaded.' };
    const message = `Could not check ${fileName}: ${messageOf(error)}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
}

/**
 * The file an earlier upload of these bytes left on the server, when it is still there. A record whose file is gone
 * is forgotten; when the server cannot be asked, the file is uploaded afresh (after the usual confirmation).
 */
async function earlierUpload(
  services: UploadServices,
  provider: FineTuneProvider,
  connection: Connection,
  sha256: string,
): Promise<UploadedFile | undefined> {
  const record = services.records.find(connection.id, sha256);
  if (record === undefined) return undefined;
  try {
    const file = await provider.fileInfo(record.fileId, AbortSignal.timeout(30_000));
    if (file === undefined) await services.records.forgetFile(connection.id, record.fileId);
    return file;
  } catch (error) {
    services.log(`Could not check whether ${record.fileId} is still on the server: ${messageOf(error)}`);
    return undefined;
  }
}

/** true: use the earlier file; false: upload again; undefined: dismissed. */
async function askReuse(fileName: string, host: string, earlier: UploadedFile): Promise<boolean | undefined> {
  const use = 'Use Uploaded File';
  const again = 'Upload Again';
  const when = new Date(earlier.createdAt * 1000).toLocaleString();
  const choice = await vscode.window.showInformationMessage(
    `${fileName} is already on ${host}.`,
    {
      modal: true,
      detail: `The same bytes were uploaded as ${earlier.id} (“${earlier.filename}”, ${when}). Use that file, or upload it again as a new file?`,
    },
    use,
    again,
  );
  return choice === undefined ? undefined : choice === use;
}
