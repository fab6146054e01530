import * as vscode from 'vscode';
import { connectionAnswers } from './connectionAnswers';
import type { ConnectionRegistry } from './connectionRegistry';
import { pickConnection } from './pickConnection';
import { simulatorNotEditable } from './simulatorConnection';

/** `fineTuneStudio.removeConnection`: removes a connection and deletes its key. Resolves true when it did. */
export async function removeConnectionCommand(registry: ConnectionRegistry, argument?: unknown): Promise<boolean> {
  const answers = connectionAnswers(argument);
  const connection = await pickConnection(registry, answers, 'Remove which connection?');
  if (connection === undefined) return false;
  if (registry.isSimulator(connection.id)) {
    void vscode.window.showInformationMessage(simulatorNotEditable('removed'));
    return false;
  }
  if (answers === undefined) {
    const remove = 'Remove';
    const choice = await vscode.window.showWarningMessage(
      `Remove the connection “${connection.name}” (${connection.baseUrl}) and its API key?`,
      { modal: true },
      remove,
    );
    if (choice !== remove) return false;
  } else if (answers.confirm !== true) {
    void vscode.window.showErrorMessage('Remove Connection without questions needs `confirm: true`.');
    return false;
  }
  await registry.remove(connection.id);
  registry.log.info(`Removed “${connection.name}” (${connection.id}) and its API key.`);
  return true;
}
