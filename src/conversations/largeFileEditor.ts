import * as vscode from 'vscode';
import { basename } from 'node:path';
import { indexLines } from '../core/io/lineIndex';
import { webviewHtml, webviewPanelOptions } from '../panels/webviewHost';
import { ConversationsSession } from './conversationsSession';
import { exportMatchesOf } from './exportMatches';
import { FileSource } from './fileSource';

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
 * The read-only Conversations view of a file too large for an editor document: one indexing pass (with progress,
 * cancellable), then pages of lines read from disk as the list scrolls.
 */
export class LargeFileEditor implements vscode.CustomReadonlyEditorProvider<LargeFileDocument> {
  constructor(private readonly extensionUri: vscode.Uri) {}

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
    return new LargeFileDocument(uri, new FileSource(uri, index));
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
    panel.onDidDispose(() => session.dispose());
  }
}
