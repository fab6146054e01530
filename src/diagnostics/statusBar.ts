import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnosticsManager';
import { modelWarning } from '../core/models/modelLookup';
import { severityCounts } from '../core/validation/severity';
import { readSettings } from '../settings/settings';

/**
 * Two status bar items for the active dataset: its totals (click: Dataset Report) and the model used for token
 * counts (click: pick another).
 */
export function registerStatusBar(context: vscode.ExtensionContext, manager: DiagnosticsManager): void {
  const totals = vscode.window.createStatusBarItem('fineTuneStudio.totals', vscode.StatusBarAlignment.Right, 101);
  totals.name = 'Fine-Tune Dataset Totals';
  totals.command = 'fineTuneStudio.showReport';
  const model = vscode.window.createStatusBarItem('fineTuneStudio.model', vscode.StatusBarAlignment.Right, 100);
  model.name = 'Fine-Tune Model';
  model.command = 'fineTuneStudio.selectModel';

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const tracked = editor ? manager.get(editor.document) : undefined;
    if (!editor || !tracked) {
      totals.hide();
      model.hide();
      return;
    }
    const settings = readSettings(editor.document.uri);
    // An unknown model silently means default limits and no cost: say so where the model is shown.
    const warning = modelWarning(settings.model, settings.defaultExampleTokenLimit);
    model.text = `${warning === undefined ? '$(symbol-enum)' : '$(warning)'} ${settings.model}`;
    model.tooltip =
      warning === undefined
        ? 'Model for token counts, limits and cost. Click to change.'
        : `Model for token counts, limits and cost: ${warning}. Click to change.`;
    model.backgroundColor =
      warning === undefined ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    model.show();
    if (!tracked.snapshot) return;
    // Runs after every analysis: counts come from the analysis's running totals, never from a pass over every line.
    const t = tracked.analysis.totals();
    const { error: errors, warning: warnings } = severityCounts(tracked.snapshot.problems);
    totals.text = `$(graph) ${t.examples.toLocaleString('en-US')} examples · ${t.tokens.toLocaleString('en-US')} tokens`;
    totals.tooltip = new vscode.MarkdownString(
      `**${tracked.snapshot.format ?? 'unknown format'}** · ${errors} errors, ${warnings} warnings` +
        (t.overLimit ? ` · ${t.overLimit} over the token limit` : '') +
        '\n\nClick for the Dataset Report.',
    );
    totals.show();
  };
  context.subscriptions.push(
    totals,
    model,
    vscode.window.onDidChangeActiveTextEditor(update),
    manager.onDidAnalyse((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (
        event.affectsConfiguration('fineTuneStudio.model') ||
        event.affectsConfiguration('fineTuneStudio.defaultExampleTokenLimit')
      )
        update();
    }),
  );
  update();
}
