import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { isPlainObject } from '../protocol/guards';
import { EVALUATION_VIEW_TYPE, EvaluationPanel, type EvaluationServices } from './evaluationPanel';
import type { TargetPickers } from './targetPickers';

/**
 * "Fine-Tune: Open Evaluation View": a batch run's results file as a table with metrics, an LLM judge and blind
 * review. Given no file it asks for one. The command resolves with the panel's request handlers, so integration tests
 * can drive the host exactly as the webview does; tests may pass `{ pickers }` as the second argument to choose
 * where saves go (from the explorer the second argument is the selection, an array, and is ignored).
 */
export function registerEvaluation(context: vscode.ExtensionContext, connections: ConnectionRegistry): void {
  const services: EvaluationServices = { extensionUri: context.extensionUri, registry: connections };
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.openEvaluation', async (uri?: unknown, options?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : await pickResultsFile();
      if (target === undefined) return undefined;
      const pickers = pickersOf(options);
      try {
        const panel = await EvaluationPanel.show(target, pickers ? { ...services, pickers } : services);
        return panel.handlers;
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not open the evaluation view: ${(error as Error).message}`);
        return undefined;
      }
    }),
    vscode.window.registerWebviewPanelSerializer(EVALUATION_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const saved = isPlainObject(state) && typeof state['uri'] === 'string' ? state['uri'] : undefined;
        if (saved === undefined) {
          // Nothing says which file it showed: a blank panel helps no one.
          panel.dispose();
          return Promise.resolve();
        }
        EvaluationPanel.revive(panel, vscode.Uri.parse(saved, true), services);
        return Promise.resolve();
      },
    }),
  );
}

async function pickResultsFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Open a batch results file',
    canSelectMany: false,
    filters: { 'Results (JSON Lines)': ['jsonl'] },
  });
  return picked?.[0];
}

function pickersOf(options: unknown): TargetPickers | undefined {
  if (!isPlainObject(options)) return undefined;
  const pickers = options['pickers'];
  if (!isPlainObject(pickers)) return undefined;
  const { pickExampleTarget, pickDistilTarget } = pickers;
  return typeof pickExampleTarget === 'function' && typeof pickDistilTarget === 'function'
    ? (pickers as unknown as TargetPickers)
    : undefined;
}
