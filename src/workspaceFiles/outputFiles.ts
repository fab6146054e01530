import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ReplaceAnswer } from './commandArgs';

/**
 * True when the outputs may be written: none exists yet, the caller's answers allow replacing, or the user
 * confirmed in a modal dialog. With answers and no `replace: true`, an existing output stops the command.
 */
export async function confirmReplace(paths: readonly string[], answers: ReplaceAnswer | undefined): Promise<boolean> {
  const existing: string[] = [];
  for (const path of paths) if (await exists(vscode.Uri.file(path))) existing.push(path);
  if (existing.length === 0 || answers?.replace === true) return true;

  const names = existing.map((path) => basename(path)).join(' and ');
  const verb = existing.length === 1 ? 'exists' : 'exist';
  if (answers !== undefined) {
    void vscode.window.showErrorMessage(`${names} already ${verb}; nothing was written.`);
    return false;
  }
  const replace = 'Replace';
  const choice = await vscode.window.showWarningMessage(
    `${names} already ${verb}. Replace ${existing.length === 1 ? 'it' : 'them'}?`,
    { modal: true, detail: 'The new file is written completely before it replaces the old one.' },
    replace,
  );
  return choice === replace;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

// Above this size the output is not opened automatically: VS Code handles such files slowly and asks first anyway.
const MAX_AUTO_OPEN_BYTES = 50 * 1024 * 1024;

/** Opens an output file in an editor when it is small enough; true when it was opened. */
export async function openOutputIfSmall(path: string): Promise<boolean> {
  const uri = vscode.Uri.file(path);
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_AUTO_OPEN_BYTES) return false;
    await vscode.window.showTextDocument(uri, { preview: false });
    return true;
  } catch {
    // Not being able to show the file does not undo the curation; the message still offers to open it.
    return false;
  }
}
