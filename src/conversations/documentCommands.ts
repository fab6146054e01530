import * as vscode from 'vscode';
import { exampleLineEdit } from '../core/conversations/exampleEdits';
import type { DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import type { ExampleAction, ExampleEdit } from '../protocol/conversations';
import type { ExampleCommands } from './conversationsSession';

/**
 * Edits of an open document from the Conversations view: each one WorkspaceEdit (so undo and redo work and the text
 * editor shows it), validated at once rather than after the typing delay, since the change is already complete.
 */
export class DocumentCommands implements ExampleCommands {
  constructor(
    private readonly document: vscode.TextDocument,
    private readonly manager: DiagnosticsManager,
  ) {}

  async edit(line: number, edit: ExampleEdit): Promise<void> {
    const text = this.lineText(line);
    const result = exampleLineEdit(text, edit);
    if (!result.ok) throw new Error(`Line ${line + 1} was not changed: ${result.reason}.`);
    const { start, end, newText } = result.edit;
    await this.apply((workspaceEdit, uri) =>
      workspaceEdit.replace(uri, new vscode.Range(line, start, line, end), newText),
    );
  }

  async act(line: number, action: ExampleAction): Promise<void> {
    const { document } = this;
    switch (action) {
      case 'duplicate': {
        const text = this.lineText(line);
        const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        // After the line's break when it has one; a last line without one gets one first.
        const hasBreak = line + 1 < document.lineCount;
        await this.apply((edit, uri) =>
          hasBreak
            ? edit.insert(uri, new vscode.Position(line + 1, 0), text + eol)
            : edit.insert(uri, document.lineAt(line).range.end, eol + text),
        );
        return;
      }
      case 'delete': {
        this.lineText(line);
        const range =
          line + 1 < document.lineCount
            ? new vscode.Range(line, 0, line + 1, 0)
            : line > 0
              ? new vscode.Range(document.lineAt(line - 1).range.end, document.lineAt(line).range.end)
              : document.lineAt(line).range;
        await this.apply((edit, uri) => edit.delete(uri, range));
        return;
      }
      case 'openInPlayground':
        await vscode.commands.executeCommand('fineTuneStudio.openExampleInPlayground', document.uri, line);
        return;
      case 'showInText': {
        const position = new vscode.Position(line, 0);
        await vscode.window.showTextDocument(document, {
          viewColumn: vscode.ViewColumn.Beside,
          selection: new vscode.Range(position, position),
        });
      }
    }
  }

  private lineText(line: number): string {
    if (line >= this.document.lineCount) throw new Error(`Line ${line + 1} no longer exists.`);
    return this.document.lineAt(line).text;
  }

  private async apply(build: (edit: vscode.WorkspaceEdit, uri: vscode.Uri) => void): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    build(edit, this.document.uri);
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new Error(`VS Code did not apply the edit to ${this.document.uri.path.split('/').pop()}.`);
    this.manager.open(this.document);
  }
}
