import * as vscode from 'vscode';
import { basename } from 'node:path';
import { indexLines } from '../core/io/lineIndex';
import { webviewHtml, webviewPanelOptions } from '../panels/webviewHost';
import { ConversationsSession } from './conversationsSession';
import { exportMatchesOf } from './exportMatches';
import { FileSource, LARGE_FILE_BYTES } from './fileSource';
import type { LoadingForEdit } from './loadingForEdit';

/** A large file opened in the view: its line index, built once per open. */
class LargeFileDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly source: FileSource,
  ) {}
  dispose(): void {
    this.source.dispose();
  }
}

/**
 * The read-only Conversations view of a file too large for an editor document, or standing in for the editable view
 * while a large one loads (see LoadingForEdit): one indexing pass (with progress, cancellable), then pages of lines
 * read from disk as the list scrolls.
 */
export class LargeFileEditor implements vscode.CustomReadonlyEditorProvider<LargeFileDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Switches a file small enough to edit to the editable view once its document has loaded (none in tests). */
    private readonly loading?: Pick<LoadingForEdit, 'follow'>,
  ) {}

  async openCustomDocument(
    uri: vscode.Uri,
    _context: vscode.CustomDocumentOpenContext,
    token: vscode.CancellationToken,
  ): Promise<LargeFileDocument> {
    if (uri.scheme !== 'file') throw new Error('Large files can be shown only from the local file system.');
    const name = basename(uri.path);
    const index = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Indexing the lines of ${name}`, cancellable: true },
      (progress, progressToken) => {
        const controller = new AbortController();
        const abort = () => controller.abort(new Error(`Opening ${name} was cancelled.`));
        token.onCancellationRequested(abort);
        progressToken.onCancellationRequested(abort);
        let reported = 0;
        return indexLines(uri.fsPath, {
          signal: controller.signal,
          onProgress: (bytesRead, byteLength) => {
            const percent = byteLength === 0 ? 100 : Math.floor((bytesRead / byteLength) * 100);
            if (percent > reported) progress.report({ increment: percent - reported });
            reported = Math.max(reported, percent);
          },
        });
      },
    );
    const forEdit = this.loading !== undefined && index.byteLength <= LARGE_FILE_BYTES;
    return new LargeFileDocument(uri, new FileSource(uri, index, forEdit));
  }

  resolveCustomEditor(document: LargeFileDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewPanelOptions(this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, {
      title: basename(document.uri.path),
      script: 'conversations',
      extensionUri: this.extensionUri,
    });
    const session = new ConversationsSession(
      panel.webview,
      document.source,
      basename(document.uri.path),
      undefined,
      exportMatchesOf(document.uri),
      console,
    );
    const following = this.loading && document.source.forEdit ? this.loading.follow(document.uri, session) : undefined;
    panel.onDidDispose(() => {
      following?.dispose();
      session.dispose();
    });
  }
}
