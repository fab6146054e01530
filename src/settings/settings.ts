import * as vscode from 'vscode';
import { DEFAULT_EXAMPLE_TOKEN_LIMIT, DEFAULT_MAX_PROBLEMS_PER_CODE, DEFAULT_MODEL } from '../core/defaults';
import type { DatasetFormat } from '../core/format/datasetFormat';
import type { SeverityOverrides } from '../core/validation/severity';

/** The `fineTuneStudio.*` settings, read for one resource (folder settings may differ per workspace folder). */
export interface StudioSettings {
  readonly model: string;
  /** Undefined means detect from the file. */
  readonly format: DatasetFormat | undefined;
  readonly defaultExampleTokenLimit: number;
  readonly severities: SeverityOverrides;
  readonly diagnosticsDelay: number;
  readonly maxProblemsPerCode: number;
}

/** Reads the settings that apply to a document or file. */
export function readSettings(scope?: vscode.Uri): StudioSettings {
  const config = vscode.workspace.getConfiguration('fineTuneStudio', scope);
  const format = config.get<string>('format', 'auto');
  return {
    model: config.get<string>('model', DEFAULT_MODEL),
    format: format === 'auto' ? undefined : (format as DatasetFormat),
    defaultExampleTokenLimit: config.get<number>('defaultExampleTokenLimit', DEFAULT_EXAMPLE_TOKEN_LIMIT),
    severities: config.get<SeverityOverrides>('diagnostics.severity', {}),
    diagnosticsDelay: config.get<number>('diagnostics.delay', 250),
    maxProblemsPerCode: config.get<number>('validateFile.maxProblemsPerCode', DEFAULT_MAX_PROBLEMS_PER_CODE),
  };
}

/** Fires when any Fine-Tune Studio setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('fineTuneStudio')) listener();
  });
}
