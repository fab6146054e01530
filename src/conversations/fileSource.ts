import * as vscode from 'vscode';
import type { LineIndex } from '../core/io/lineIndex';
import type { RowProblem } from '../protocol/conversations';
import type { ConversationSource } from './conversationSource';

/** Files over this size are not given to extensions as text documents, so the view pages them from disk. */
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;

/**
 * A file too large for an editor document, read through a line index: read-only, and without the editor's
 * diagnostics (Validate File… checks such files).
 */
export class FileSource implements ConversationSource {
  readonly version = 1;
  readonly model = undefined;
  readonly tokenLimit = undefined;
  readonly readOnly: string;
  private readonly changed = new vscode.EventEmitter<{ readonly text: boolean }>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly uri: vscode.Uri,
    private readonly index: LineIndex,
    /** The file is shown from disk only until VS Code has loaded it for editing (see LoadingForEdit). */
    readonly forEdit = false,
  ) {
    const megabytes = Math.round(index.byteLength / (1024 * 1024)).toLocaleString('en-US');
    this.readOnly = forEdit
      ? `Loading this ${megabytes} MB file for editing: until VS Code has it, it is shown from disk, read-only and ` +
        'without its problems. The editable view takes this one’s place when it is ready.'
      : `This file is ${megabytes} MB: VS Code does not open files over 50 MB as editable documents for extensions, ` +
        'so it is shown read-only, read from disk page by page. Problems are not shown here: run "Fine-Tune: Validate ' +
        'File…" to check it, and the curation commands to split, dedupe or sample it.';
  }

  get lineCount(): number {
    return this.index.lineCount;
  }

  readLines(start: number, count: number): Promise<readonly string[]> {
    return this.index.readLines(start, count);
  }

  async lineText(line: number): Promise<string | undefined> {
    if (line >= this.index.lineCount) return undefined;
    return (await this.index.readLines(line, 1))[0];
  }

  problemsOf(): readonly RowProblem[] {
    return [];
  }
  tokensOf(): number | undefined {
    return undefined;
  }
  problemLines(): readonly number[] {
    return [];
  }

  dispose(): void {
    this.changed.dispose();
    void this.index.close();
  }
}
