import * as vscode from 'vscode';
import { messageOf } from '../../core/errors/messageOf';
import type { DraftAnswers, DraftServices } from './draftStep';
import { BACK, pickStep, type StepPlace, type StepResult } from './stepInput';

/** Which connection runs the job; a different one than before clears the answers that belonged to the old one. */
export async function askConnection(
  services: DraftServices,
  answers: DraftAnswers,
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
