import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Connection } from '../core/connections';
import { setApiKeyCommand } from './apiKeyCommands';
import { connectionAnswers } from './connectionAnswers';
import { askBaseUrl, askKind, askKindDetails, askName, kindLabel } from './connectionQuestions';
import type { ConnectionRegistry } from './connectionRegistry';

/**
 * `fineTuneStudio.addConnection`: asks the kind (OpenAI, Azure OpenAI, a compatible server's preset or any URL),
 * the name and the URL, stores the connection in the user settings and offers to set its key. With answers, the
 * key is `apiKey`. Resolves with the new connection.
 */
export async function addConnectionCommand(
  registry: ConnectionRegistry,
  argument?: unknown,
): Promise<Connection | undefined> {
  const answers = connectionAnswers(argument);
  const choice = await askKind(answers);
  if (choice === undefined) return undefined;
  const taken = registry.list().map((connection) => connection.name);
  const name = await askName(answers, kindLabel(choice), taken);
  if (name === undefined) return undefined;
  const baseUrl = await askBaseUrl(answers, choice, undefined);
  if (baseUrl === undefined) return undefined;
  const id = answers?.id ?? randomUUID();
  if (registry.get(id) !== undefined) {
    void vscode.window.showErrorMessage(`A connection with the id “${id}” exists already.`);
    return undefined;
  }
  const draft: Connection = { id, name, kind: choice.kind, baseUrl };
  if (choice.preset !== undefined) draft.preset = choice.preset;
  const connection = await askKindDetails(answers, draft);
  if (connection === undefined) return undefined;
  await registry.save(connection);
  registry.log.info(`Added “${connection.name}” (${connection.id}, ${connection.kind}) at ${connection.baseUrl}.`);

  if (answers !== undefined) {
    if (answers.apiKey !== undefined) await setApiKeyCommand(registry, { id, apiKey: answers.apiKey });
    return connection;
  }
  const azureNote =
    connection.kind === 'azure'
      ? ' In the playground, the model is your deployment name. Without a key, you sign in with Microsoft.'
      : '';
  const setKey = 'Set API Key…';
  const test = 'Test Connection';
  const choiceMade = await vscode.window.showInformationMessage(
    `Added ${connection.name}: requests go to ${connection.baseUrl}.${azureNote}`,
    setKey,
    test,
  );
  if (choiceMade === setKey && (await setApiKeyCommand(registry, undefined, connection.id)))
    await vscode.commands.executeCommand('fineTuneStudio.testConnection', { id });
  if (choiceMade === test) await vscode.commands.executeCommand('fineTuneStudio.testConnection', { id });
  return connection;
}
