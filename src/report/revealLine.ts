import * as vscode from 'vscode';

/** Shows a dataset (an open document, or a file from disk) in the first column with the cursor on a zero-based line. */
export async function revealLine(target: vscode.TextDocument | vscode.Uri, line: number): Promise<void> {
  const options = { viewColumn: vscode.ViewColumn.One };
  const editor =
    target instanceof vscode.Uri
      ? await vscode.window.showTextDocument(target, options)
      : await vscode.window.showTextDocument(target, options);
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}
