import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { PlaygroundPanel } from './playgroundPanel';

/**
 * "Fine-Tune: Open Playground": the chat playground over every connection. The command resolves with the panel's
 * request handlers, so integration tests can drive the host exactly as the webview does.
 */
export function registerPlayground(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'fineTuneStudio.openPlayground',
      () => PlaygroundPanel.show(context.extensionUri, connections).handlers,
    ),
  );
}
