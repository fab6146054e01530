import { posix } from 'node:path';
import * as vscode from 'vscode';

/** Where a line went in an open document. */
export interface DocumentAppend {
  /** One-based line of the appended line. */
  readonly line: number;
  /** False when the document had no unsaved changes but saving it after the edit failed. */
  readonly savedToDisk: boolean;
}

/**
 * Appends one line (text without a line break) to an open document through a WorkspaceEdit, so a single Undo
 * removes it. A line break in the document's own style (CRLF stays CRLF) comes first when the last line lacks one,
 * and after the line. A document without unsaved changes is saved afterwards, so the file matches what the user
 * sees; one with unsaved changes is left unsaved, since saving would write the user's unfinished edits too.
 */
export async function appendLineToDocument(document: vscode.TextDocument, text: string): Promise<DocumentAppend> {
  const wasDirty = document.isDirty;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const last = document.lineAt(document.lineCount - 1);
  // VS Code shows the empty line after a final line break as the last line; an empty document is that line alone.
  const endsWithBreak = last.text.length === 0;
  const line = endsWithBreak ? last.lineNumber : last.lineNumber + 1;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, last.range.end, `${endsWithBreak ? '' : eol}${text}${eol}`);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`VS Code did not apply the edit to ${posix.basename(document.uri.path)}; nothing was added.`);
  }
  // An untitled document has no file yet: saving it would open a Save As dialog the user did not ask for.
  const savedToDisk = wasDirty || document.isUntitled ? true : await document.save();
  return { line: line + 1, savedToDisk };
}
