import { basename } from 'node:path';
import * as vscode from 'vscode';
import { validateFile, type FileValidation } from '../core/pipeline/validateFile';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { toDiagnostic } from '../diagnostics/toDiagnostic';
import type { DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import { fileProblemCounts } from '../core/report/reportData';
import { showFileReport, type ValidateWithModel } from '../report/fileReport';
import { readSettings } from '../settings/settings';
import { messageOf } from '../core/errors/messageOf';
import { withCancellableProgress } from '../workers/cancellableProgress';

/**
 * "Validate File…": validates a file from disk of any size (including files over VS Code's 50 MB limit for
 * extensions) in worker threads, with progress and cancel. Problems go to the Problems panel (the first N per code)
 * and a summary offers the Dataset Report. Resolves with the result, for tests.
 */
export function registerValidateFile(context: vscode.ExtensionContext, manager: DiagnosticsManager): void {
  const collection = vscode.languages.createDiagnosticCollection('fineTuneStudio.files');
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'validate-worker.js').fsPath;

  const run: ValidateWithModel = async (uri, model, progressTitle, signal) => {
    const settings = readSettings(uri);
    // A superseded report run stops its validation as the notification's Cancel button would.
    const cancel = new vscode.CancellationTokenSource();
    const abort = () => cancel.cancel();
    signal?.addEventListener('abort', abort);
    if (signal?.aborted) abort();
    try {
      return await withCancellableProgress(
        progressTitle,
        (workSignal, onProgress) =>
          validateFile(uri.fsPath, {
            format: settings.format,
            model,
            defaultExampleTokenLimit: settings.defaultExampleTokenLimit,
            severities: settings.severities,
            maxProblemsPerCode: settings.maxProblemsPerCode,
            workerPath,
            signal: workSignal,
            onProgress,
          }),
        cancel.token,
      );
    } catch (error) {
      if (error instanceof vscode.CancellationError) return undefined;
      throw error;
    } finally {
      signal?.removeEventListener('abort', abort);
      cancel.dispose();
    }
  };

  context.subscriptions.push(
    collection,
    // An open document gets live diagnostics from the editor feature; drop the file's snapshot then.
    vscode.workspace.onDidOpenTextDocument((document) => collection.delete(document.uri)),
    vscode.commands.registerCommand('fineTuneStudio.validateFile', async (target?: vscode.Uri) => {
      const uri = await resolveInputFile(target instanceof vscode.Uri ? target : undefined, true, 'validate');
      if (!uri) return undefined;
      const name = basename(uri.fsPath);
      const model = readSettings(uri).model;
      let result: FileValidation | undefined;
      try {
        result = await run(uri, model, `Validating ${name}`);
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not validate ${uri.fsPath}: ${messageOf(error)}`);
        return undefined;
      }
      if (!result) return undefined;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open && manager.get(open)) collection.delete(uri);
      else
        collection.set(
          uri,
          result.problems.map((p) => toDiagnostic(p, uri)),
        );
      void showSummary(context, uri, result, run);
      return result;
    }),
  );
}

async function showSummary(
  context: vscode.ExtensionContext,
  uri: vscode.Uri,
  result: FileValidation,
  run: ValidateWithModel,
): Promise<void> {
  const name = basename(uri.fsPath);
  const counts = fileProblemCounts(result);
  const errors = counts.filter((c) => c.severity === 'error').reduce((n, c) => n + c.count, 0);
  const warnings = counts.filter((c) => c.severity === 'warning').reduce((n, c) => n + c.count, 0);
  const text = `${name}: ${result.examples.toLocaleString('en-US')} examples in ${result.lines.toLocaleString('en-US')} lines (${result.format ?? 'format not detected'}), ${errors.toLocaleString('en-US')} errors, ${warnings.toLocaleString('en-US')} warnings.`;
  const show = errors > 0 ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  const choice = await show(text, 'Show Problems', 'Show Report');
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice === 'Show Report') showFileReport(context.extensionUri, uri, result, run);
}
