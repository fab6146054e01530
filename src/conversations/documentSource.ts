import * as vscode from 'vscode';
import { exampleTokenLimit } from '../core/models/modelLookup';
import type { Problem } from '../core/problem';
import { datasetLines, type DiagnosticsManager } from '../diagnostics/diagnosticsManager';
import type { RowProblem } from '../protocol/conversations';
import { readSettings } from '../settings/settings';
import type { ConversationSource } from './conversationSource';

/** An open editor document as the Conversations view reads it: lines from the text, problems from its diagnostics. */
export class DocumentSource implements ConversationSource {
  readonly readOnly = undefined;
  private readonly changed = new vscode.EventEmitter<{ readonly text: boolean; readonly appendedAt?: number }>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private byLine = new Map<number, RowProblem[]>();
  private sortedProblemLines: number[] = [];

  constructor(
    readonly document: vscode.TextDocument,
    private readonly manager: DiagnosticsManager,
  ) {
    manager.open(document);
    this.index(manager.get(document)?.snapshot?.problems ?? []);
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== document || event.contentChanges.length === 0) return;
        this.changed.fire({ text: true, appendedAt: appendedLine(event) });
      }),
      manager.onDidAnalyse((event) => {
        if (event.document !== document) return;
        this.index(event.snapshot.problems);
        this.changed.fire({ text: false });
      }),
    ];
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }
  get version(): number {
    return this.document.version;
  }
  get lineCount(): number {
    return datasetLines(this.document).lineCount;
  }
  get model(): string | undefined {
    return readSettings(this.document.uri).model;
  }
  get tokenLimit(): number | undefined {
    const settings = readSettings(this.document.uri);
    return exampleTokenLimit(settings.model, settings.defaultExampleTokenLimit);
  }

  readLines(start: number, count: number): readonly string[] {
    const end = Math.min(this.lineCount, start + count);
    const lines: string[] = [];
    for (let line = start; line < end; line++) lines.push(this.document.lineAt(line).text);
    return lines;
  }

  lineText(line: number): Promise<string | undefined> {
    return Promise.resolve(line < this.lineCount ? this.document.lineAt(line).text : undefined);
  }

  problemsOf(line: number): readonly RowProblem[] {
    return this.byLine.get(line) ?? [];
  }

  tokensOf(line: number): number | undefined {
    return this.manager.get(this.document)?.analysis.lineState(line)?.tokens?.tokens.total;
  }

  problemLines(): readonly number[] {
    return this.sortedProblemLines;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private index(problems: readonly Problem[]): void {
    const byLine = new Map<number, RowProblem[]>();
    for (const problem of problems) {
      const line = problem.range.start.line;
      const list = byLine.get(line) ?? [];
      list.push({
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
        character: problem.range.start.character,
      });
      byLine.set(line, list);
    }
    this.byLine = byLine;
    this.sortedProblemLines = [...byLine.keys()].sort((a, b) => a - b);
  }
}

/** The first new line when a change only added lines at the end of the document (a saved example, a paste). */
function appendedLine(event: vscode.TextDocumentChangeEvent): number | undefined {
  const [change, ...others] = event.contentChanges;
  if (change === undefined || others.length > 0 || !change.range.isEmpty) return undefined;
  const inserted = change.text.split('\n').length - 1;
  const { line, character } = change.range.start;
  if (inserted === 0 || line !== event.document.lineCount - 1 - inserted) return undefined;
  return character > 0 ? line + 1 : line;
}
