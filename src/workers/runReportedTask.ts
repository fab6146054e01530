import * as vscode from 'vscode';
import type { TaskRequest, TaskResult } from '../core/worker/taskProtocol';
import { openOutputIfSmall } from '../workspaceFiles/outputFiles';
import { runTask } from './runTask';
import { messageOf } from '../core/errors/messageOf';

/** How a finished task is told to the user. */
export interface TaskOutcome {
  /** One line with every count, so nothing read goes unaccounted for. */
  readonly summary: string;
  /** The file to open, undefined when nothing was written. */
  readonly output: string | undefined;
  /** The full text report ("Show Report"). */
  readonly report: () => string;
}

/** A task and the words that describe it. */
export interface ReportedTask<J extends TaskRequest> {
  readonly task: J;
  /** Progress title, e.g. "Splitting data.jsonl". */
  readonly title: string;
  /** Start of the error message, naming the input, e.g. "Could not split data.jsonl". */
  readonly failed: string;
  readonly outcome: (result: TaskResult<J['kind']>) => TaskOutcome;
}

/**
 * Runs a file task in the worker with progress and cancel, opens its output (a .jsonl then gets validated) and shows
 * a summary with "Show Report". Resolves with the result, or undefined after telling the user it was cancelled or
 * failed. The summary is not awaited, so a command ends without waiting for the user to dismiss it.
 */
export async function runReportedTask<J extends TaskRequest>(
  extensionUri: vscode.Uri,
  run: ReportedTask<J>,
): Promise<TaskResult<J['kind']> | undefined> {
  let result: TaskResult<J['kind']>;
  try {
    result = await runTask(extensionUri, run.task, { title: run.title });
  } catch (error) {
    if (error instanceof vscode.CancellationError) {
      void vscode.window.showInformationMessage(`${run.title} was cancelled; no file was written.`);
    } else {
      void vscode.window.showErrorMessage(`${run.failed}: ${messageOf(error)}`);
    }
    return undefined;
  }

  const outcome = run.outcome(result);
  const { output } = outcome;
  const opened = output !== undefined && (await openOutputIfSmall(output));
  const showReport = 'Show Report';
  const openOutput = 'Open Output';
  const buttons = output !== undefined && !opened ? [showReport, openOutput] : [showReport];
  const show = output === undefined ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(outcome.summary, ...buttons).then(async (choice) => {
    if (choice === showReport) {
      const document = await vscode.workspace.openTextDocument({ content: outcome.report(), language: 'plaintext' });
      await vscode.window.showTextDocument(document, { preview: true });
    } else if (choice === openOutput && output !== undefined) {
      await vscode.window.showTextDocument(vscode.Uri.file(output));
    }
  });
  return result;
}
