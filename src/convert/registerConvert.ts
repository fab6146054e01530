import * as vscode from 'vscode';
import { convertToChatCommand } from './convertToChatCommand';
import { exportAsCommand } from './exportAsCommand';

/**
 * Registers "Convert to Chat JSONL…" and "Export Dataset As…". Each takes `(uri?, urisOrAnswers?)` like the curation
 * commands: callers may pass an answers object as the second argument to run without prompts (see
 * `ConvertToChatAnswers` and `ExportAsAnswers`). Each resolves with the conversion's report and output path, or
 * undefined when it stopped or failed. CSV column mappings are remembered per file in the workspace state.
 */
export function registerConvert(context: vscode.ExtensionContext): void {
  const { extensionUri, workspaceState } = context;
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.convertToChat', (first?: unknown, second?: unknown) =>
      convertToChatCommand(extensionUri, workspaceState, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.exportAs', (first?: unknown, second?: unknown) =>
      exportAsCommand(extensionUri, first, second),
    ),
  );
}
