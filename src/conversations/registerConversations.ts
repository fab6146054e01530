import * as vscode from 'vscode';
import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import { webviewHtml, webviewPanelOptions } from '../panels/webviewHost';
import { ConversationsSession } from './conversationsSession';
import { DocumentCommands } from './documentCommands';
import { DocumentSource } from './documentSource';
import { exportMatchesOf } from './exportMatches';
import { LARGE_FILE_BYTES } from './fileSource';
import { LargeFileEditor } from './largeFileEditor';
import { LOAD_FIRST_BYTES, LoadingForEdit } from './loadingForEdit';

/** The editor over a .jsonl document (editable, in sync with the text editor). */
export const CONVERSATIONS_VIEW = 'fineTuneStudio.conversations';
/** The read-only editor over a file too large for an editor document. */
export const LARGE_CONVERSATIONS_VIEW = 'fineTuneStudio.conversationsLarge';

/**
 * The Conversations view: a custom editor showing a dataset as chats, over the same text document as the text editor
 * (so both stay in sync, undo works and Save is VS Code's), and a read-only variant for files over 50 MB.
 */
export function registerConversations(context: vscode.ExtensionContext, manager: DiagnosticsManager): void {
  const sessions = new Map<string, Set<ConversationsSession>>();
  const track = (uri: vscode.Uri, session: ConversationsSession): vscode.Disposable => {
    const key = uri.toString();
    const set = sessions.get(key) ?? new Set();
    set.add(session);
    sessions.set(key, set);
    return { dispose: () => set.delete(session) };
  };
  const loading = new LoadingForEdit({ readOnly: LARGE_CONVERSATIONS_VIEW, editable: CONVERSATIONS_VIEW });
  const resolve = (document: vscode.TextDocument, panel: vscode.WebviewPanel): void => {
    panel.webview.options = webviewPanelOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, {
      title: basename(document.uri.path),
      script: 'conversations',
      extensionUri: context.extensionUri,
      state: loading.handOver(document.uri),
    });
    const source = new DocumentSource(document, manager);
    const session = new ConversationsSession(
      panel.webview,
      source,
      basename(document.uri.path),
      new DocumentCommands(document, manager),
      exportMatchesOf(document.uri),
      console,
    );
    const tracking = track(document.uri, session);
    panel.onDidDispose(() => {
      tracking.dispose();
      session.dispose();
      source.dispose();
    });
  };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(
      CONVERSATIONS_VIEW,
      { resolveCustomTextEditor: (document, panel) => resolve(document, panel) },
      { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true },
    ),
    vscode.window.registerCustomEditorProvider(
      LARGE_CONVERSATIONS_VIEW,
      new LargeFileEditor(context.extensionUri, loading),
      { supportsMultipleEditorsPerDocument: true },
    ),
    vscode.commands.registerCommand('fineTuneStudio.openConversations', (uri?: unknown) => openConversations(uri)),
  );
}

/**
 * Opens a .jsonl file (the given one, else the active editor's) in the Conversations view that fits its size: over
 * 50 MB the read-only one; from 8 MB, when VS Code has not loaded the file yet, the read-only one at once, which the
 * editable one replaces once the document is loaded (see LoadingForEdit); else the editable one.
 */
async function openConversations(argument: unknown): Promise<void> {
  const uri = argument instanceof vscode.Uri ? argument : activeJsonl();
  if (!uri) {
    void vscode.window.showWarningMessage('Open a .jsonl dataset first, or pick one in the Explorer.');
    return;
  }
  const size =
    uri.scheme === 'file'
      ? await stat(uri.fsPath).then(
          (s) => s.size,
          () => 0,
        )
      : 0;
  const loaded = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
  const readOnlyFirst = size > LARGE_FILE_BYTES || (size > LOAD_FIRST_BYTES && !loaded);
  await vscode.commands.executeCommand(
    'vscode.openWith',
    uri,
    readOnlyFirst ? LARGE_CONVERSATIONS_VIEW : CONVERSATIONS_VIEW,
  );
}

function activeJsonl(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.uri.path.toLowerCase().endsWith('.jsonl')) return document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}
