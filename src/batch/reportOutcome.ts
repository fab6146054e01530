import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { BatchLog } from './batchLog';
import type { BatchOutcome } from './executeRun';
import { outcomeMessage } from './progressText';

/** The evaluation view's command; until it exists the results open as text. */
const OPEN_EVALUATION = 'fineTuneStudio.openEvaluation';

/**
 * Says how a run ended, with "Open Results" and, when some pairs failed, "Show Errors" (the log lists each). Not
 * awaited by the command: the message stays while the user reads it.
 */
export function reportOutcome(outcome: BatchOutcome, output: vscode.Uri, models: number, log: BatchLog): void {
  const message = outcomeMessage({
    progress: outcome.progress,
    prompts: outcome.prompts,
    models,
    outputName: basename(output.fsPath),
    stopped: outcome.stopped,
  });
  log.info(message);
  const open = 'Open Results';
  const errors = 'Show Errors';
  const buttons = outcome.progress.failed > 0 ? [open, errors] : [open];
  const shown =
    outcome.progress.failed > 0 || outcome.stopped
      ? vscode.window.showWarningMessage(message, ...buttons)
      : vscode.window.showInformationMessage(message, ...buttons);
  void shown.then((choice) => {
    if (choice === open) void openResults(output);
    if (choice === errors) log.show();
  });
}

/** The evaluation view when it is there, else the file in a text editor. */
export async function openResults(output: vscode.Uri): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(OPEN_EVALUATION)) {
    await vscode.commands.executeCommand(OPEN_EVALUATION, output);
    return;
  }
  await vscode.window.showTextDocument(output, { preview: false });
}
