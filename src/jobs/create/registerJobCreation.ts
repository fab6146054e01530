import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../../connections';
import { connectionProvider } from '../upload/connectionProvider';
import { registerUploadCommand } from '../upload/uploadCommand';
import type { UploadServices } from '../upload/uploadDataset';
import { UploadRecords } from '../upload/uploadRecords';
import { ensureTrustedWorkspace } from '../upload/workspaceTrust';
import { askJobDraft } from './askJobDraft';
import { createAnswers, draftFromAnswers } from './createAnswers';
import { launchJob, type CreateOutcome } from './launchJob';

/**
 * "Fine-Tune: Upload Training File…" and "Fine-Tune: Create Fine-Tuning Job…". Both run only in a trusted workspace
 * (command enablement, and checked again here for calls from code). Each takes an answers object instead of asking
 * (tests, Rerun) and resolves with what happened.
 */
export function registerJobCreation(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const services: UploadServices = {
    records: new UploadRecords(context.globalState),
    providerFor: connectionProvider(connections),
    workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'validate-worker.js').fsPath,
    isTrusted: () => vscode.workspace.isTrusted,
    log: (message) => connections.log.info(message),
  };
  registerUploadCommand(context, connections, services);
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'fineTuneStudio.createFineTuningJob',
      async (argument?: unknown): Promise<CreateOutcome | undefined> => {
        if (!ensureTrustedWorkspace('Creating a fine-tuning job', services.isTrusted()))
          return { status: 'untrusted', message: 'The workspace is not trusted: no job was created.' };
        const answers = createAnswers(argument);
        if (answers === undefined) {
          const draft = await askJobDraft(
            { connections, ...services },
            argument instanceof vscode.Uri ? argument : undefined,
          );
          return draft === undefined ? undefined : launchJob(services, draft, undefined);
        }
        const draft = await draftFromAnswers({ connections, ...services }, answers);
        if ('problem' in draft) {
          void vscode.window.showErrorMessage(`Create Fine-Tuning Job: ${draft.problem}`);
          return { status: 'invalid', message: draft.problem };
        }
        return launchJob(services, draft, answers);
      },
    ),
  );
}
