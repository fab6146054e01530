import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { FileValidation } from '../core/pipeline/validateFile';
import { buildReport, fileProblemCounts } from '../core/report/reportData';
import { readSettings } from '../settings/settings';
import { ReportPanel } from './reportPanel';
import { revealLine } from './revealLine';

/** Validates a file from disk with a model; undefined when the user cancelled or `signal` aborted. */
export type ValidateWithModel = (
  uri: vscode.Uri,
  model: string,
  title: string,
  signal?: AbortSignal,
) => Promise<FileValidation | undefined>;

/**
 * Shows the Dataset Report of a file validated from disk (Validate File…). Another model's report validates the file
 * again with that model's tokenizer; results are kept per model, so switching back costs nothing.
 */
export function showFileReport(
  extensionUri: vscode.Uri,
  uri: vscode.Uri,
  result: FileValidation,
  validate: ValidateWithModel,
): void {
  const name = basename(uri.fsPath);
  const latest = new Map<string, FileValidation>([[result.stats?.model ?? '', result]]);
  ReportPanel.show(extensionUri, `file:${uri.toString()}`, name, result.stats?.model ?? readSettings(uri).model, {
    compute: async (model, signal) => {
      const current = latest.get(model) ?? (await validate(uri, model, `Counting ${name} with ${model}`, signal));
      if (!current?.stats) throw new Error('The report was cancelled.');
      latest.set(current.stats.model, current);
      return buildReport(
        name,
        { format: current.format, problems: current.problems },
        current.stats,
        fileProblemCounts(current),
      );
    },
    reveal: (line) => revealLine(uri, line),
  });
}
