import * as vscode from 'vscode';
import { connectionAnswers } from './connectionAnswers';
import type { ConnectionRegistry } from './connectionRegistry';
import { pickConnection } from './pickConnection';

/**
 * `fineTuneStudio.setApiKey`: stores a key for a connection in SecretStorage (a password box; nothing is echoed).
 * `forId` asks for the key of that connection without picking one (after Add Connection). Resolves true when a
 * key was stored.
 */
export async function setApiKeyCommand(
  registry: ConnectionRegistry,
  argument?: unknown,
  forId?: string,
): Promise<boolean> {
  const answers = connectionAnswers(argument);
  const connection =
    forId !== undefined
      ? registry.get(forId)
      : await pickConnection(registry, answers, 'Set the API key of which connection?');
  if (connection === undefined) return false;
  if (registry.isSimulator(connection.id)) {
    void vscode.window.showInformationMessage(`${connection.name} takes any API key or none: it needs no key.`);
    return false;
  }
  const apiKey =
    answers !== undefined
      ? answers.apiKey
      : await vscode.window.showInputBox({
          title: `API key for ${connection.name}`,
          prompt: `Stored in VS Code's secret storage and sent only to ${connection.baseUrl}.`,
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() === '' ? 'Enter the key.' : undefined),
        });
  const trimmed = apiKey?.trim();
  if (trimmed === undefined || trimmed === '') {
    if (answers !== undefined) void vscode.window.showErrorMessage('Set API Key needs a key.');
    return false;
  }
  await registry.setKey(connection.id, trimmed);
  registry.log.info(`API key set for “${connection.name}” (${connection.id}).`);
  if (answers === undefined) void vscode.window.showInformationMessage(`The API key of ${connection.name} is set.`);
  return true;
}

/** `fineTuneStudio.clearApiKey`: deletes a connection's key from SecretStorage. Resolves true when it did. */
export async function clearApiKeyCommand(registry: ConnectionRegistry, argument?: unknown): Promise<boolean> {
  const answers = connectionAnswers(argument);
  const connection = await pickConnection(registry, answers, 'Clear the API key of which connection?');
  if (connection === undefined) return false;
  await registry.clearKey(connection.id);
  registry.log.info(`API key cleared for “${connection.name}” (${connection.id}).`);
  if (answers === undefined) void vscode.window.showInformationMessage(`The API key of ${connection.name} is cleared.`);
  return true;
}
