import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { SaveExampleParams } from '../protocol/playground';
import { JSONL_FILTERS } from '../workspaceFiles/inputFiles';

/** The kind of example being saved: chat and preference examples go to different files. */
export type SaveKind = SaveExampleParams['kind'];

/** Picks the file an example is appended to; undefined when the user dismissed the choice. */
export type PickSaveTarget = (kind: SaveKind, signal: AbortSignal) => Promise<vscode.Uri | undefined>;

/** Workspace files listed at most; the rest are one "Choose File…" away. */
const MAX_WORKSPACE_FILES = 500;
const EXCLUDED_FOLDERS = '**/{node_modules,.git}/**';

interface TargetItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
  readonly action?: 'new' | 'choose';
}

const NOUN: Readonly<Record<SaveKind, string>> = { chat: 'chat example', preference: 'preference (DPO) example' };
const NEW_NAME: Readonly<Record<SaveKind, string>> = {
  chat: 'playground-chat.jsonl',
  preference: 'playground-preference.jsonl',
};

/**
 * The quick pick of dataset files: the file last used for this kind, open JSONL documents, the workspace's `.jsonl`
 * files (listed while the pick is already open), "New File…" and "Choose File…". Closes when `signal` aborts (the
 * playground went away).
 */
export async function pickSaveTarget(
  kind: SaveKind,
  last: vscode.Uri | undefined,
  signal: AbortSignal,
): Promise<vscode.Uri | undefined> {
  const lastUsed = last !== undefined && (await stillThere(last)) ? last : undefined;
  const item = await pickItem(kind, lastUsed, signal);
  if (item === undefined || signal.aborted) return undefined;
  if (item.action === 'new') return newFile(kind);
  if (item.action === 'choose') return chosenFile(kind);
  return item.uri;
}

function pickItem(kind: SaveKind, last: vscode.Uri | undefined, signal: AbortSignal): Promise<TargetItem | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<TargetItem>();
    pick.title = `Save the ${NOUN[kind]} to a dataset`;
    pick.placeholder = 'Pick the JSONL file to append it to';
    pick.matchOnDescription = true;
    const opened = openDatasets().filter((uri) => !sameUri(uri, last));
    const fixedItems = [
      ...section('last used', last === undefined ? [] : [last], 'history'),
      ...section('open', opened, 'file'),
    ];
    const actions: TargetItem[] = [
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(new-file) New File…', action: 'new', alwaysShow: true },
      { label: '$(folder-opened) Choose File…', action: 'choose', alwaysShow: true },
    ];
    pick.items = [...fixedItems, ...actions];
    pick.busy = true;

    const search = new vscode.CancellationTokenSource();
    void Promise.resolve(vscode.workspace.findFiles('**/*.jsonl', EXCLUDED_FOLDERS, MAX_WORKSPACE_FILES, search.token))
      .then((found) => {
        const known = [last, ...opened];
        const others = found.filter((uri) => !known.some((k) => sameUri(k, uri))).sort(byPath);
        const active = pick.activeItems[0];
        pick.items = [...fixedItems, ...section('workspace', others, 'file'), ...actions];
        // Replacing the items would move the highlight back to the top under the user's hands. Not while a filter is
        // typed: then the best match of the full list should be highlighted, not "New File…" that matched alone.
        const again = pick.items.find((item) => item === active);
        if (again !== undefined && pick.value === '') pick.activeItems = [again];
      })
      // Without the workspace's files the pick still offers the others and the dialogs.
      .catch(() => undefined)
      .finally(() => {
        pick.busy = false;
      });

    let chosen: TargetItem | undefined;
    const abort = () => pick.hide();
    signal.addEventListener('abort', abort);
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      signal.removeEventListener('abort', abort);
      search.cancel();
      search.dispose();
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
    if (signal.aborted) pick.hide();
  });
}

function section(label: string, uris: readonly vscode.Uri[], icon: string): TargetItem[] {
  if (uris.length === 0) return [];
  return [
    { label, kind: vscode.QuickPickItemKind.Separator },
    ...uris.map((uri) => ({
      label: posix.basename(uri.path),
      description: uri.scheme === 'untitled' ? 'unsaved' : vscode.workspace.asRelativePath(uri, true),
      iconPath: new vscode.ThemeIcon(icon),
      uri,
    })),
  ];
}

/** Open documents that are JSONL datasets, on disk or untitled (other schemes are views such as git's). */
function openDatasets(): vscode.Uri[] {
  return vscode.workspace.textDocuments
    .filter((document) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled')
    .filter((document) => document.languageId === 'jsonl' || document.uri.path.toLowerCase().endsWith('.jsonl'))
    .map((document) => document.uri)
    .sort(byPath);
}

/** The last used file is offered while it is open or on disk. */
async function stillThere(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((document) => sameUri(document.uri, uri))) return true;
  if (uri.scheme === 'untitled') return false;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function newFile(kind: SaveKind): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: `Save the ${NOUN[kind]} to a new JSONL file`,
    saveLabel: 'Save Example',
    filters: JSONL_FILTERS,
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, NEW_NAME[kind]) }),
  });
}

async function chosenFile(kind: SaveKind): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `Choose the JSONL file to append the ${NOUN[kind]} to`,
    openLabel: 'Append Example',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: JSONL_FILTERS,
    ...(vscode.workspace.workspaceFolders?.[0] === undefined
      ? {}
      : { defaultUri: vscode.workspace.workspaceFolders[0].uri }),
  });
  return picked?.[0];
}

function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return a !== undefined && b !== undefined && a.toString() === b.toString();
}

function byPath(a: vscode.Uri, b: vscode.Uri): number {
  return a.path.localeCompare(b.path, undefined, { numeric: true });
}
