import * as path from 'node:path';
import * as vscode from 'vscode';
import { messageOf } from '../core/errors/messageOf';
import { readExampleConversation } from '../core/playground/exampleConversation';
import { plural } from '../core/text/plural';
import type { LoadedExample } from '../protocol/playground';

/**
 * "Open in Playground" of one line: reads it as it is now in the document (unsaved edits included), hands its
 * conversation to `openExample` and resolves with it, so tests can see what was opened; or tells the user why the
 * line cannot be opened, naming the file and line, and resolves with undefined.
 */
export async function openExampleAtLine(
  uriArgument: unknown,
  lineArgument: unknown,
  openExample: (example: LoadedExample) => void,
): Promise<LoadedExample | undefined> {
  const uri = uriOf(uriArgument);
  if (uri === undefined || typeof lineArgument !== 'number' || !Number.isInteger(lineArgument) || lineArgument < 0) {
    void vscode.window.showErrorMessage(
      'Open in Playground needs a dataset file and a line: use the "Open in Playground" lens above an example.',
    );
    return undefined;
  }
  const source = `${path.posix.basename(uri.path)}:${lineArgument + 1}`;
  const refuse = (reason: string) => {
    void vscode.window.showErrorMessage(`Cannot open ${source} in the playground: ${reason}.`);
    return undefined;
  };
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return refuse(`the file cannot be read (${messageOf(error)})`);
  }
  if (lineArgument >= document.lineCount) return refuse(`the file has only ${plural(document.lineCount, 'line')} now`);
  const conversation = readExampleConversation(document.lineAt(lineArgument).text);
  if (typeof conversation === 'string') return refuse(conversation);
  const example: LoadedExample = { source, ...conversation };
  openExample(example);
  return example;
}

/** The lens passes the URI as a string; a caller may pass a Uri. */
function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
}
