import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readFileHead, type FileHead } from '../core/convert/fileHead';
import type { InputEncoding } from '../core/convert/inputEncoding';
import { messageOf } from '../core/errors/messageOf';

/** Options for {@link pickOne}. */
export interface PickOneOptions<T> {
  readonly title: string;
  readonly placeholder: string;
  /** The item highlighted at the start, so Enter accepts the guess; the list keeps its order. */
  readonly active?: T;
}

/** A single-choice quick pick with a pre-selected item. Undefined when dismissed. */
export function pickOne<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: PickOneOptions<T>,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.items = items;
    if (options.active !== undefined) pick.activeItems = [options.active];
    let chosen: T | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

/** A text question; empty answers are allowed. Undefined when dismissed. */
export function askText(title: string, prompt: string, value = '', placeHolder?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ...(placeHolder === undefined ? {} : { placeHolder }) });
}

/** Shows a problem with a caller's answers; the command then stops. */
export function reportAnswerProblem(title: string, problem: string): undefined {
  void vscode.window.showErrorMessage(`${title}: ${problem}`);
  return undefined;
}

/** A value shortened for a picker's description: whitespace collapsed, at most `max` characters. */
export function previewText(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The start of the input file, or undefined after telling the user it cannot be read. */
export async function readHeadOrExplain(input: vscode.Uri, encoding?: InputEncoding): Promise<FileHead | undefined> {
  try {
    return await readFileHead(input.fsPath, encoding);
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not read ${basename(input.fsPath)}: ${messageOf(error)}`);
    return undefined;
  }
}
