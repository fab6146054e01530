import * as vscode from 'vscode';
import type { Connection } from '../core/connections';
import { connectionAnswers } from './connectionAnswers';
import { askBaseUrl, askKindDetails, askName } from './connectionQuestions';
import type { ConnectionRegistry } from './connectionRegistry';
import { pickConnection } from './pickConnection';
import { simulatorNotEditable } from './simulatorConnection';

/**
 * `fineTuneStudio.editConnection`: changes a connection's name, URL and kind details (its kind and id stay).
 * Moving a connection to another URL keeps its key only when the user agrees, since the key would go there next.
 * Resolves with the edited connection.
 */
export async function editConnectionCommand(
  registry: ConnectionRegistry,
  argument?: unknown,
): Promise<Connection | undefined> {
  const answers = connectionAnswers(argument);
  const current = await pickConnection(registry, answers, 'Edit which connection?');
  if (current === undefined) return undefined;
  if (registry.isSimulator(current.id)) {
    void vscode.window.showInformationMessage(simulatorNotEditable('edited'));
    return undefined;
  }
  const taken = registry
    .list()
    .filter((connection) => connection.id !== current.id)
    .map((connection) => connection.name);
  const name = await askName(answers, current.name, taken);
  if (name === undefined) return undefined;
  const choice = current.preset === undefined ? { kind: current.kind } : { kind: current.kind, preset: current.preset };
  const baseUrl = await askBaseUrl(answers, choice, current.baseUrl);
  if (baseUrl === undefined) return undefined;
  const edited = await askKindDetails(answers, { ...current, name, baseUrl });
  if (edited === undefined) return undefined;

  const moved = baseUrl !== current.baseUrl && (await registry.hasKey(current.id));
  if (moved && answers === undefined) {
    const keep = 'Keep the Key';
    const clear = 'Clear the Key';
    const decision = await vscode.window.showWarningMessage(
      `${current.name} moves from ${current.baseUrl} to ${baseUrl}. Send its API key to the new URL?`,
      { modal: true },
      keep,
      clear,
    );
    if (decision === undefined) return undefined;
    if (decision === clear) await registry.clearKey(current.id);
  }
  await registry.save(edited);
  registry.log.info(`Edited “${edited.name}” (${edited.id}): ${edited.baseUrl}.`);
  return edited;
}
