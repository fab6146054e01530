import { dirname, posix } from 'node:path';
import * as vscode from 'vscode';

/** File filters for the open and save dialogs. */
export const JSONL_FILTERS: Record<string, string[]> = { 'JSON Lines': ['jsonl'], 'All Files': ['*'] };

/** The files a one-input command takes. */
export interface InputKind {
  /** Names them in the open dialog's title, e.g. "JSONL file". */
  readonly noun: string;
  /** Lower-case extensions with the dot; the active editor's file is taken when it has one of them. */
  readonly extensions: readonly string[];
  readonly filters: Record<string, string[]>;
}

/** JSON Lines datasets, what the curation commands take. */
export const JSONL_INPUT: InputKind = { noun: 'JSONL file', extensions: ['.jsonl'], filters: JSONL_FILTERS };

/**
 * The file a one-input command works on: the clicked file, else the active editor's dataset, else one picked in an
 * open dialog (only when interactive). Undefined, after telling the user why, when there is none or it cannot be
 * read from disk as it is.
 */
export async function resolveInputFile(
  target: vscode.Uri | undefined,
  interactive: boolean,
  verb: string,
  kind: InputKind = JSONL_INPUT,
): Promise<vscode.Uri | undefined> {
  const uri = target ?? activeDatasetUri(kind) ?? (interactive ? await pickInputFile(verb, kind) : undefined);
  if (uri === undefined) {
    if (!interactive)
      void vscode.window.showErrorMessage(`Nothing to ${verb}: no file was given and no dataset is open.`);
    return undefined;
  }
  return (await readyOnDisk(uri, interactive, verb)) ? uri : undefined;
}

/** The active editor's document when it looks like a dataset (or is untitled, which gets explained later). */
function activeDatasetUri(kind: InputKind): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document === undefined) return undefined;
  const path = document.uri.path.toLowerCase();
  const looksLikeDataset =
    (document.languageId === 'jsonl' && kind.extensions.includes('.jsonl')) ||
    kind.extensions.some((extension) => path.endsWith(extension));
  return looksLikeDataset || document.isUntitled ? document.uri : undefined;
}

async function pickInputFile(verb: string, kind: InputKind): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: kind.filters,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    title: `Choose a ${kind.noun} to ${verb}`,
    openLabel: capitalised(verb),
  });
  return picked?.[0];
}

/** Lets the user pick several files (sorted by name, so part2 comes before part10); undefined when dismissed. */
export async function pickInputFiles(verb: string, near: vscode.Uri | undefined): Promise<vscode.Uri[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
    filters: JSONL_FILTERS,
    defaultUri: near ? vscode.Uri.file(dirname(near.fsPath)) : vscode.workspace.workspaceFolders?.[0]?.uri,
    title: `Choose the JSONL files to ${verb}`,
    openLabel: capitalised(verb),
  });
  return picked === undefined ? undefined : sortedByPath(picked);
}

/** Sorts files by path with numbers compared by value. */
export function sortedByPath(uris: readonly vscode.Uri[]): vscode.Uri[] {
  return [...uris].sort((a, b) => a.fsPath.localeCompare(b.fsPath, undefined, { numeric: true }));
}

/**
 * True when the worker can read the file as the user sees it: it must be a file on disk, and unsaved changes in an
 * open editor are saved first (or knowingly left out) after asking. Explains the problem otherwise.
 */
export async function readyOnDisk(uri: vscode.Uri, interactive: boolean, verb: string): Promise<boolean> {
  const name = posix.basename(uri.path);
  if (uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(
      `To ${verb} ${name}, Fine-Tune Studio reads it from disk, and it is not saved to one. Save it first, then run the command again.`,
    );
    return false;
  }
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
  if (document === undefined || !document.isDirty) return true;
  if (!interactive) {
    void vscode.window.showErrorMessage(`${name} has unsaved changes; save it first, then ${verb} it.`);
    return false;
  }
  const save = 'Save and Continue';
  const useSaved = 'Use Saved Version';
  const choice = await vscode.window.showWarningMessage(
    `${name} has unsaved changes.`,
    {
      modal: true,
      detail: `Fine-Tune Studio reads the file on disk to ${verb} it, so unsaved changes would be left out.`,
    },
    save,
    useSaved,
  );
  if (choice === useSaved) return true;
  return choice === save && (await document.save());
}

function capitalised(verb: string): string {
  return verb.charAt(0).toUpperCase() + verb.slice(1);
}
