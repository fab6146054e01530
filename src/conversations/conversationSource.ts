import type * as vscode from 'vscode';
import type { LineReader } from '../core/conversations/filteredLines';
import type { RowProblem } from '../protocol/conversations';

/**
 * What the Conversations view shows, whichever way the file is open: an editor document (editable, validated as you
 * type) or a file too large for one (read-only, paged from disk).
 */
export interface ConversationSource extends LineReader, vscode.Disposable {
  readonly uri: vscode.Uri;
  /** Changes with every edit; answers carry it so the webview drops rows of an older text. */
  readonly version: number;
  /** Why this view cannot edit the file; undefined when it can. */
  readonly readOnly: string | undefined;
  /** The model whose tokens are counted, and its example limit. */
  readonly model: string | undefined;
  readonly tokenLimit: number | undefined;
  /** The text of one line as of `version`, or undefined past the end. */
  lineText(line: number): Promise<string | undefined>;
  /** The problems of one line, from the same analysis as the Problems panel. */
  problemsOf(line: number): readonly RowProblem[];
  /** The example's tokens, once counted. */
  tokensOf(line: number): number | undefined;
  /** Lines that have a problem, sorted. */
  problemLines(): readonly number[];
  /** The text changed (`text` true) or only its analysis did. */
  readonly onDidChange: vscode.Event<{ readonly text: boolean; readonly appendedAt?: number }>;
}
