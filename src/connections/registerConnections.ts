import * as vscode from 'vscode';
import { addConnectionCommand } from './addConnectionCommand';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeyCommands';
import { ConnectionRegistry } from './connectionRegistry';
import { editConnectionCommand } from './editConnectionCommand';
import { removeConnectionCommand } from './removeConnectionCommand';
import { SIMULATOR_URL_VARIABLE, simulatorConnection } from './simulatorConnection';
import { testConnectionCommand } from './testConnectionCommand';

/**
 * Registers the connection commands and returns the registry the playground, the jobs view and batch runs use.
 * Each command takes an optional answers object (see `ConnectionAnswers`) to run without questions.
 */
export function registerConnections(context: vscode.ExtensionContext): ConnectionRegistry {
  const simulator = simulatorConnection(
    process.env[SIMULATOR_URL_VARIABLE],
    (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    context.extensionUri.fsPath,
  );
  const registry = new ConnectionRegistry(context.secrets, context.globalState, simulator.connection);
  if (simulator.connection !== undefined)
    registry.log.info(
      `Listing “${simulator.connection.name}” (${simulator.connection.baseUrl}): the simulator npm start runs; not saved in settings.`,
    );
  if (simulator.reason !== undefined) registry.log.warn(simulator.reason);
  context.subscriptions.push(
    registry,
    vscode.commands.registerCommand('fineTuneStudio.addConnection', (argument?: unknown) =>
      addConnectionCommand(registry, argument),
    ),
    vscode.commands.registerCommand('fineTuneStudio.editConnection', (argument?: unknown) =>
      editConnectionCommand(registry, argument),
    ),
    vscode.commands.registerCommand('fineTuneStudio.removeConnection', (argument?: unknown) =>
      removeConnectionCommand(registry, argument),
    ),
    vscode.commands.registerCommand('fineTuneStudio.testConnection', (argument?: unknown) =>
      testConnectionCommand(registry, argument),
    ),
    vscode.commands.registerCommand('fineTuneStudio.setApiKey', (argument?: unknown) =>
      setApiKeyCommand(registry, argument),
    ),
    vscode.commands.registerCommand('fineTuneStudio.clearApiKey', (argument?: unknown) =>
      clearApiKeyCommand(registry, argument),
    ),
    // Resolves with the lines logged so far (already redacted), so tests can check that no key is among them.
    vscode.commands.registerCommand('fineTuneStudio.showConnectionsLog', () => {
      registry.log.show();
      return registry.log.lines();
    }),
  );
  return registry;
}
