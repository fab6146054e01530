import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { UploadRecord } from '../upload/uploadRecords';

/** A training or validation file: a local dataset (uploaded when the job is launched) or one already uploaded. */
export type DatasetChoice =
  { readonly kind: 'local'; readonly uri: vscode.Uri } | { readonly kind: 'uploaded'; readonly record: UploadRecord };

export interface DatasetItem extends vscode.QuickPickItem {
  /** Undefined for "Choose File…" and "None". */
  readonly choice?: DatasetChoice;
  readonly action?: 'choose' | 'none';
}

/** Workspace datasets listed at most (a picker with more is no help; Choose File… reaches the rest). */
const MAX_WORKSPACE_FILES = 500;

/**
 * The datasets a job can use, in the order people reach for them: open .jsonl editors, files this connection already
 * has from us (no upload needed), the workspace's .jsonl files, then Choose File… (and None for the optional
 * validation file).
 */
export async function datasetItems(uploaded: readonly UploadRecord[], optional: boolean): Promise<DatasetItem[]> {
  const open = vscode.workspace.textDocuments.filter(
    (document) => document.uri.scheme === 'file' && document.uri.path.toLowerCase().endsWith('.jsonl'),
  );
  const openPaths = new Set(open.map((document) => document.uri.toString()));
  const workspace = (await vscode.workspace.findFiles('**/*.jsonl', '**/node_modules/**', MAX_WORKSPACE_FILES))
    .filter((uri) => !openPaths.has(uri.toString()))
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath, undefined, { numeric: true }));
  const local = (uri: vscode.Uri, where: string): DatasetItem => ({
    label: `$(file) ${posix.basename(uri.path)}`,
    description: `${where} · ${vscode.workspace.asRelativePath(uri, false)}`,
    choice: { kind: 'local', uri },
  });
  const separator = (label: string): DatasetItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  return [
    ...(optional
      ? [{ label: '$(circle-slash) None', description: 'no validation file', action: 'none' as const }]
      : []),
    ...(open.length > 0 ? [separator('Open editors'), ...open.map((document) => local(document.uri, 'open'))] : []),
    ...(uploaded.length > 0
      ? [
          separator('Already uploaded'),
          ...uploaded.map((record): DatasetItem => ({
            label: `$(cloud) ${record.filename}`,
            description: `${record.fileId} · uploaded ${new Date(record.uploadedAt).toLocaleString()}`,
            choice: { kind: 'uploaded', record },
          })),
        ]
      : []),
    ...(workspace.length > 0 ? [separator('Workspace'), ...workspace.map((uri) => local(uri, 'workspace'))] : []),
    separator(''),
    { label: '$(folder-opened) Choose File…', action: 'choose' },
  ];
}

/** The item matching a choice made before (Back keeps the selection). */
export function sameChoice(item: DatasetItem, choice: DatasetChoice | undefined): boolean {
  if (choice === undefined || item.choice === undefined) return false;
  if (item.choice.kind === 'local' && choice.kind === 'local')
    return item.choice.uri.toString() === choice.uri.toString();
  if (item.choice.kind === 'uploaded' && choice.kind === 'uploaded')
    return item.choice.record.fileId === choice.record.fileId;
  return false;
}

/** A name for a choice in the confirmation. */
export function choiceLabel(choice: DatasetChoice): string {
  return choice.kind === 'local'
    ? vscode.workspace.asRelativePath(choice.uri, false)
    : `${choice.record.filename} (${choice.record.fileId}, already uploaded)`;
}

export async function chooseDatasetFile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { 'JSON Lines': ['jsonl'], 'All Files': ['*'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    title,
    openLabel: 'Use',
  });
  return picked?.[0];
}
