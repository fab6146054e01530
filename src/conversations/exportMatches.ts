import * as vscode from 'vscode';
import { basename } from 'node:path';
import { writeLinesAtomically } from '../core/io/atomicWriter';
import { messageOf } from '../core/errors/messageOf';
import type { MatchesTarget } from '../protocol/conversations';
import type { ExportMatches } from './conversationsSession';

const NEXT_STEP: Readonly<Record<MatchesTarget, string>> = {
  newFile: '',
  split: 'then split them',
  dedupe: 'then remove their duplicates',
  sample: 'then sample them',
};

/**
 * Saves the filtered examples of `source` as a new file (atomically, never over the source), and for a curation
 * target runs that command on the new file: the curation commands read files, and a user keeps the subset they cut.
 * `pickTarget` is the save dialog (tests answer it themselves).
 */
export function exportMatchesOf(
  source: vscode.Uri,
  pickTarget: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> = (options) =>
    vscode.window.showSaveDialog(options),
): ExportMatches {
  return async (target, lines, count) => {
    if (count === 0) {
      void vscode.window.showInformationMessage('No examples match the filter: there is nothing to export.');
      return;
    }
    const name = basename(source.path).replace(/\.jsonl$/i, '');
    const examples = `${count.toLocaleString('en-US')} matching example${count === 1 ? '' : 's'}`;
    const title = target === 'newFile' ? `Save the ${examples}` : `Save the ${examples}, ${NEXT_STEP[target]}`;
    const uri = await pickTarget({
      defaultUri: vscode.Uri.joinPath(source, '..', `${name}.filtered.jsonl`),
      filters: { 'JSON Lines': ['jsonl'] },
      title,
      saveLabel: 'Save',
    });
    if (!uri) return;
    if (uri.scheme !== 'file') throw new Error('Filtered examples can only be saved to a local file.');
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Saving ${examples}…`, cancellable: true },
        (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort(new Error('Cancelled.')));
          return writeLinesAtomically(uri.fsPath, lines, {
            signal: controller.signal,
            protectedPaths: source.scheme === 'file' ? [source.fsPath] : [],
          });
        },
      );
    } catch (error) {
      throw new Error(`${basename(uri.path)} was not written: ${messageOf(error)}`);
    }
    if (target !== 'newFile') {
      await vscode.commands.executeCommand(`fineTuneStudio.${target}`, uri);
      return;
    }
    void vscode.window
      .showInformationMessage(`Saved ${examples} to ${basename(uri.path)}.`, 'Open')
      .then((choice) => (choice === 'Open' ? vscode.window.showTextDocument(uri) : undefined));
  };
}
