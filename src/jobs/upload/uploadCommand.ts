import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../../connections';
import { pickConnection } from '../../connections/pickConnection';
import { resolveInputFile } from '../../workspaceFiles/inputFiles';
import { uploadDataset, type UploadAnswers, type UploadOutcome, type UploadServices } from './uploadDataset';
import { ensureTrustedWorkspace } from './workspaceTrust';

const ANSWER_KEYS: readonly (keyof UploadAnswers)[] = ['connectionId', 'file', 'confirm', 'reuse'];

/** The answers in the command's argument: an object with at least one known answer, else none (ask). */
export function uploadAnswers(argument: unknown): UploadAnswers | undefined {
  if (typeof argument !== 'object' || argument === null || argument instanceof vscode.Uri) return undefined;
  return ANSWER_KEYS.some((key) => key in argument) ? argument : undefined;
}

/**
 * "Fine-Tune: Upload Training File…": the clicked file, else the active editor's dataset, else one picked; then a
 * connection; then uploadDataset's checks, confirmation and upload. Resolves with what happened (for tests).
 */
export function registerUploadCommand(
  context: vscode.ExtensionContext,
  connections: ConnectionRegistry,
  services: UploadServices,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'fineTuneStudio.uploadTrainingFile',
      async (argument?: unknown): Promise<UploadOutcome | undefined> => {
        if (!ensureTrustedWorkspace('Uploading a training file', services.isTrusted()))
          return { status: 'untrusted', message: 'The workspace is not trusted: nothing was uploaded.' };
        const answers = uploadAnswers(argument);
        const target =
          argument instanceof vscode.Uri
            ? argument
            : answers?.file !== undefined
              ? vscode.Uri.file(answers.file)
              : undefined;
        const uri = await resolveInputFile(target, answers === undefined, 'upload');
        if (uri === undefined) return undefined;
        const connection = await pickConnection(
          connections,
          answers === undefined ? undefined : { id: answers.connectionId },
          'Upload to which connection?',
        );
        if (connection === undefined) return undefined;
        return uploadDataset(services, connection, uri, answers);
      },
    ),
  );
}
