import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnosticsManager';

/** Hover on a dataset line: its format and token counts (from the cached analysis, no recomputation). */
export class DatasetHover implements vscode.HoverProvider {
  constructor(private readonly manager: DiagnosticsManager) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const tracked = this.manager.get(document);
    const state = tracked?.analysis.lineState(position.line);
    if (!state || state.analysis.kind !== 'example') return undefined;
    const format = tracked?.snapshot?.format ?? state.analysis.shape ?? 'unknown';
    const parts = [`**Example ${position.line + 1}** · format \`${format}\``];
    const tokens = state.tokens?.tokens;
    if (tokens) {
      parts.push(
        `${tokens.total.toLocaleString('en-US')} tokens (${tokens.assistant.toLocaleString('en-US')} assistant) in ${tokens.messages} messages`,
      );
    }
    return new vscode.Hover(new vscode.MarkdownString(parts.join('  \n')), document.lineAt(position.line).range);
  }
}
