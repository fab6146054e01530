import * as vscode from 'vscode';
import { dedupeCommand } from './dedupeCommand';
import { dropOverLimitCommand } from './dropOverLimitCommand';
import { mergeCommand } from './mergeCommand';
import { sampleCommand } from './sampleCommand';
import { shuffleCommand } from './shuffleCommand';
import { splitCommand } from './splitCommand';

/**
 * Registers the dataset curation commands. Each takes `(uri?, urisOrAnswers?)`: the explorer passes the clicked file
 * and the selection; callers may pass an answers object instead to run without prompts (see each command's
 * `…Answers`). Each resolves with the `CurationReport`, or undefined when it stopped or failed.
 */
export function registerCurate(context: vscode.ExtensionContext): void {
  const { extensionUri } = context;
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.split', (first?: unknown, second?: unknown) =>
      splitCommand(extensionUri, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.dedupe', (first?: unknown, second?: unknown) =>
      dedupeCommand(extensionUri, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.sample', (first?: unknown, second?: unknown) =>
      sampleCommand(extensionUri, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.shuffle', (first?: unknown, second?: unknown) =>
      shuffleCommand(extensionUri, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.merge', (first?: unknown, second?: unknown) =>
      mergeCommand(extensionUri, first, second),
    ),
    vscode.commands.registerCommand('fineTuneStudio.dropOverLimit', (first?: unknown, second?: unknown) =>
      dropOverLimitCommand(extensionUri, first, second),
    ),
  );
}
