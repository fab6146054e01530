import type * as vscode from 'vscode';
import { registerBatch } from './batch/registerBatch';
import { registerConnections } from './connections';
import { registerConversations } from './conversations/registerConversations';
import { registerConvert } from './convert/registerConvert';
import { registerCurate } from './curate/registerCurate';
import { registerDiagnostics } from './diagnostics/registerDiagnostics';
import { registerEvaluation } from './evaluation/registerEvaluation';
import { registerJobs } from './jobs/registerJobs';
import { registerPickers } from './diagnostics/pickers';
import { registerPlayground } from './playground/registerPlayground';
import { registerReport } from './report/registerReport';
import { registerValidateFile } from './validateFile/registerValidateFile';

/** Wires the features; each registers its own disposables. Heavy work (tokenizers, workers) starts on first use. */
export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = registerDiagnostics(context);
  registerPickers(context);
  registerReport(context, diagnostics);
  registerValidateFile(context, diagnostics);
  registerCurate(context);
  registerConversations(context, diagnostics);
  registerConvert(context);
  const connections = registerConnections(context);
  registerPlayground(context, connections);
  registerJobs(context, connections);
  registerBatch(context, connections);
  registerEvaluation(context, connections);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
