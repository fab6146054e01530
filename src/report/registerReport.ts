import * as vscode from 'vscode';
import { createTokenCounter } from '../core/analysis/lineTokens';
import { DatasetAnalysis } from '../core/analysis/datasetAnalysis';
import { computeStats } from '../core/stats/statsAccumulator';
import { analyseInSlices } from '../diagnostics/analyseInSlices';
import { datasetLines, isDataset, type DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import { readSettings } from '../settings/settings';
import { buildReport } from '../core/report/reportData';
import { ReportPanel } from './reportPanel';
import { revealLine } from './revealLine';
import { waitForAnalysis } from './waitForAnalysis';
import { basename } from 'node:path';
import type { DatasetReport } from '../core/report/datasetReport';

/** "Show Dataset Report" for the active .jsonl document; the panel follows the document's diagnostics. */
export function registerReport(context: vscode.ExtensionContext, manager: DiagnosticsManager): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.showReport', async (uri?: vscode.Uri) => {
      const document =
        uri instanceof vscode.Uri
          ? await vscode.workspace.openTextDocument(uri)
          : vscode.window.activeTextEditor?.document;
      if (!document || !isDataset(document)) {
        void vscode.window.showWarningMessage(
          'Open a .jsonl dataset first: the Dataset Report describes the active dataset file. For files too large to open, use "Fine-Tune: Validate File…".',
        );
        return;
      }
      manager.open(document);
      const key = document.uri.toString();
      ReportPanel.show(context.extensionUri, key, basename(document.uri.path), readSettings(document.uri).model, {
        compute: (model, signal) => computeDocumentReport(manager, document, model, signal),
        reveal: (line) => revealLine(document, line),
      });
    }),
    manager.onDidAnalyse((event) => ReportPanel.refreshIfOpen(event.document.uri.toString())),
  );
}

/**
 * The report for a document: from the editor's cached analysis when the model is the configured one, otherwise from
 * a fresh analysis with the other model's tokenizer (the editor's diagnostics keep the configured model). Undefined
 * when the document changed meanwhile (its next analysis refreshes the panel) or `signal` aborted (a newer refresh
 * superseded it); fails when it was closed.
 */
export async function computeDocumentReport(
  manager: DiagnosticsManager,
  document: vscode.TextDocument,
  model: string,
  signal?: AbortSignal,
): Promise<DatasetReport | undefined> {
  const settings = readSettings(document.uri);
  const closed = () =>
    new Error(`${basename(document.uri.path)} was closed; run "Fine-Tune: Show Dataset Report" on it again.`);
  let tracked = manager.get(document);
  if (!tracked?.snapshot) {
    const outcome = await waitForAnalysis(document, manager.onDidAnalyse, vscode.workspace.onDidCloseTextDocument);
    if (outcome === 'closed') throw closed();
    tracked = manager.get(document);
  }
  let analysis = tracked?.analysis;
  let snapshot = tracked?.snapshot;
  const counter = createTokenCounter(model, settings.defaultExampleTokenLimit);
  if (!analysis || !snapshot || model !== settings.model) {
    analysis = new DatasetAnalysis({ format: settings.format, severities: settings.severities, tokens: counter });
    const version = document.version;
    snapshot = await analyseInSlices(
      analysis,
      datasetLines(document),
      () => document.version !== version || document.isClosed || signal?.aborted === true,
    );
    if (!snapshot && document.isClosed) throw closed();
    if (!snapshot) return undefined;
  }
  const exampleTokens = analysis.states().flatMap((state) => (state?.tokens ? [state.tokens.tokens] : []));
  const stats = computeStats(exampleTokens, { model, limit: counter.limit });
  return buildReport(basename(document.uri.path), snapshot, stats);
}
