import { basename } from 'node:path';
import * as vscode from 'vscode';

/** Where saves go, chosen by the user (tests pass their own). Paths on disk; undefined when cancelled. */
export interface TargetPickers {
  pickExampleTarget(kind: 'chat' | 'preference', results: vscode.Uri): Promise<string | undefined>;
  pickDistilTarget(label: string, results: vscode.Uri): Promise<string | undefined>;
}

/** An existing JSONL file to append to, or a new one, next to the results file by default. */
export async function pickExampleTarget(kind: 'chat' | 'preference', results: vscode.Uri): Promise<string | undefined> {
  const noun = kind === 'chat' ? 'chat example' : 'preference (DPO) example';
  const existing = { label: '$(file) Add to an existing file…', pick: 'existing' as const };
  const fresh = { label: '$(new-file) Save in a new file…', pick: 'new' as const };
  const choice = await vscode.window.showQuickPick([existing, fresh], { title: `Save the ${noun} to…` });
  if (choice === undefined) return undefined;
  const folder = vscode.Uri.joinPath(results, '..');
  if (choice.pick === 'existing') {
    const picked = await vscode.window.showOpenDialog({
      title: `Add the ${noun} to`,
      defaultUri: folder,
      canSelectMany: false,
      filters: { 'JSON Lines': ['jsonl'] },
    });
    return picked?.[0]?.fsPath;
  }
  const name = kind === 'chat' ? 'chosen.jsonl' : 'preferences.jsonl';
  const uri = await vscode.window.showSaveDialog({
    title: `Save the ${noun} in`,
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: { 'JSON Lines': ['jsonl'] },
  });
  return uri?.fsPath;
}

/** A new file for a model's answers, named after the results file and the model. */
export async function pickDistilTarget(label: string, results: vscode.Uri): Promise<string | undefined> {
  const stem = basename(results.fsPath).replace(/(\.results)?\.jsonl$/, '');
  const safeLabel = label.replace(/[^\w.-]+/g, '-');
  const uri = await vscode.window.showSaveDialog({
    title: `Distil ${label}: save its answers as a chat dataset`,
    defaultUri: vscode.Uri.joinPath(results, '..', `${stem}.${safeLabel}.distilled.jsonl`),
    filters: { 'JSON Lines': ['jsonl'] },
  });
  return uri?.fsPath;
}
