import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { isModelPair } from '../protocol/playground';
import { registerExampleCodeLens } from './exampleCodeLens';
import { createExampleSaver } from './saveExample';
import { showRequestCode } from './viewCode';
import { PLAYGROUND_VIEW_TYPE, PlaygroundPanel, type PlaygroundServices } from './playgroundPanel';

/**
 * "Fine-Tune: Open Playground": the chat playground over every connection. The command resolves with the panel's
 * request handlers, so integration tests can drive the host exactly as the webview does; given `{ pair }` it opens
 * a base model beside its fine-tune. The serializer brings the
 * panel back after a window reload.
 */
export function registerPlayground(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const services: PlaygroundServices = {
    extensionUri: context.extensionUri,
    registry: connections,
    examples: createExampleSaver(context),
    viewCode: (input) => showRequestCode(input, { memento: context.globalState }),
  };
  context.subscriptions.push(
    // Other features (the jobs view) open a base and a fine-tuned model side by side: `{ pair: ModelPair }`.
    vscode.commands.registerCommand('fineTuneStudio.openPlayground', (options?: unknown) => {
      const panel = PlaygroundPanel.show(services);
      const pair = (options as { pair?: unknown } | undefined)?.pair;
      if (isModelPair(pair)) panel.showPair(pair);
      return panel.handlers;
    }),
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => {
        PlaygroundPanel.revive(panel, services);
        return Promise.resolve();
      },
    }),
  );
  registerExampleCodeLens(context, (example) => PlaygroundPanel.show(services).loadExample(example));
}
