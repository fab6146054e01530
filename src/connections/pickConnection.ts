import * as vscode from 'vscode';
import type { Connection } from '../core/connections';
import type { ConnectionAnswers } from './connectionAnswers';
import type { ConnectionRegistry } from './connectionRegistry';

/**
 * The connection a command acts on: the answers' id, else one picked by the user. Shows why when there is none.
 */
export async function pickConnection(
  registry: ConnectionRegistry,
  answers: ConnectionAnswers | undefined,
  placeHolder: string,
): Promise<Connection | undefined> {
  if (answers !== undefined) {
    const connection = answers.id === undefined ? undefined : registry.get(answers.id);
    if (connection === undefined)
      void vscode.window.showErrorMessage(`There is no connection with the id “${answers.id ?? ''}”.`);
    return connection;
  }
  const connections = registry.list();
  if (connections.length === 0) {
    const add = 'Add Connection…';
    const choice = await vscode.window.showInformationMessage('There are no connections yet.', add);
    if (choice === add) await vscode.commands.executeCommand('fineTuneStudio.addConnection');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    connections.map((connection) => ({ label: connection.name, description: connection.baseUrl, connection })),
    { placeHolder },
  );
  return picked?.connection;
}
