import * as vscode from 'vscode';
import type { Problem, TextEdit } from '../core/problem';
import { CODES } from '../core/validation/codes';
import { quickFixes } from '../core/validation/quickFixes';
import { toProblem, toRange } from './toDiagnostic';

function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}

/** The fix for a file in another tool's layout: "Convert to Chat JSONL…" on this file. */
function convertAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction('Convert to Chat JSONL…', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = {
    command: 'fineTuneStudio.convertToChat',
    title: 'Convert to Chat JSONL…',
    arguments: [document.uri],
  };
  action.isPreferred = true;
  return action;
}

/**
 * Quick fixes for our diagnostics, matched on their code, plus "Fix all of this kind in the file". Fix-all takes one
 * fix per line so edits never overlap (a line's fixes are computed from its own text).
 */
export class DatasetCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seenCodes = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const problem = toProblem(diagnostic);
      if (!problem) continue;
      if (problem.code === 'ft.other-format') actions.push(convertAction(document, diagnostic));
      const lineText = document.lineAt(problem.range.start.line).text;
      for (const fix of quickFixes(problem, lineText)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = workspaceEdit(document.uri, fix.edits);
        action.isPreferred = true;
        actions.push(action);
      }
      if (!seenCodes.has(problem.code)) {
        seenCodes.add(problem.code);
        const all = this.fixAll(document, problem.code);
        if (all) actions.push(all);
      }
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument, code: string): vscode.CodeAction | undefined {
    const problems = vscode.languages
      .getDiagnostics(document.uri)
      .map(toProblem)
      .filter((p): p is Problem => p?.code === code);
    if (problems.length < 2) return undefined;
    const edits: TextEdit[] = [];
    const fixedLines = new Set<number>();
    for (const problem of problems) {
      const line = problem.range.start.line;
      if (fixedLines.has(line)) continue;
      const fix = quickFixes(problem, document.lineAt(line).text)[0];
      if (!fix) continue;
      fixedLines.add(line);
      edits.push(...fix.edits);
    }
    if (edits.length === 0) return undefined;
    const title = CODES[code as keyof typeof CODES]?.title ?? code;
    const action = new vscode.CodeAction(
      `Fix all "${title}" in file (${fixedLines.size})`,
      vscode.CodeActionKind.QuickFix,
    );
    action.edit = workspaceEdit(document.uri, edits);
    return action;
  }
}
