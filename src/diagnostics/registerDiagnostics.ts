import * as vscode from 'vscode';
import { createTokenCounter } from '../core/analysis/lineTokens';
import { onDidChangeSettings } from '../settings/settings';
import { DatasetCodeActions } from './codeActions';
import { DiagnosticsManager } from './diagnosticsManager';
import { DatasetHover } from './hover';
import { registerStatusBar } from './statusBar';

const JSONL: vscode.DocumentSelector = { language: 'jsonl' };

/**
 * Validation of open .jsonl documents as you type: diagnostics, quick fixes, hover token counts and the status bar
 * totals. Returns the manager so other features (the report) can read the cached analyses.
 */
export function registerDiagnostics(context: vscode.ExtensionContext): DiagnosticsManager {
  const collection = vscode.languages.createDiagnosticCollection('fineTuneStudio');
  const manager = new DiagnosticsManager(collection, (settings) =>
    createTokenCounter(settings.model, settings.defaultExampleTokenLimit),
  );
  context.subscriptions.push(
    collection,
    manager,
    vscode.workspace.onDidOpenTextDocument((document) => manager.open(document)),
    vscode.workspace.onDidChangeTextDocument((event) => manager.change(event)),
    vscode.workspace.onDidCloseTextDocument((document) => manager.close(document)),
    onDidChangeSettings(() => manager.settingsChanged()),
    vscode.languages.registerCodeActionsProvider(JSONL, new DatasetCodeActions(), {
      providedCodeActionKinds: DatasetCodeActions.kinds,
    }),
    vscode.languages.registerHoverProvider(JSONL, new DatasetHover(manager)),
  );
  registerStatusBar(context, manager);
  for (const document of vscode.workspace.textDocuments) manager.open(document);
  return manager;
}
