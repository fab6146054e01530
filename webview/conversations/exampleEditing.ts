// Editing examples in the Conversations view: the text being edited and its draft, the long texts shown whole, and
// the edits and actions sent to the host. Each is one request naming the document version it was made against; a
// failed one shows its error on the example's card until the next try.
import type { ConversationRow, ExampleAction, ExampleEdit } from '../../src/protocol/conversations';
import type { JsonPath } from '../../src/core/conversations/exampleView';
import { messageOf } from '../../src/core/errors/messageOf';
import type { CardActions, CardContext, TextEditing } from './cardContext';
import type { ConversationsHost } from './conversationsHost';
import type { CachedRow, RowCache } from './rowCache';

export interface EditingParts {
  readonly host: ConversationsHost;
  readonly cache: Pick<RowCache, 'row' | 'pagesCovering'>;
  /** The positions the last frame drew. */
  readonly drawn: () => { readonly first: number; readonly last: number };
  /** Builds a line's card again on the next frame. */
  readonly redraw: (line: number) => void;
  /** Draws now and focuses the editor on a line's card. */
  readonly focusEditor: (line: number) => void;
  /** Selects an example (a click on its card). */
  readonly select: (row: ConversationRow) => void;
}

export class ExampleEditing {
  private editing: TextEditing | undefined;
  /** Failed edits and actions, by line, shown on their card until the next try. */
  private readonly errors = new Map<number, string>();
  private readonly expanded = new Set<string>();

  constructor(private readonly parts: EditingParts) {}

  /** The line whose text is being edited. */
  get line(): number | undefined {
    return this.editing?.line;
  }

  /** What a row's card shows of the editing, and what its controls do. */
  cardState(cached: CachedRow): Pick<CardContext, 'editing' | 'error' | 'expanded' | 'actions'> {
    const { row, version } = cached;
    const editing = this.editing?.line === row.line ? this.editing : undefined;
    const actions: CardActions = {
      // A kept card may outlive its row's version (see CardStore.item): act with the version its row has now.
      act: (action) => void this.act(row, this.versionOf(row, version), action),
      edit: (edit) => void this.edit(row, this.versionOf(row, version), edit),
      startEditing: (path, text) => this.startEditing(row, path, text),
      setDraft: (text) => {
        if (this.editing?.line === row.line) this.editing = { ...this.editing, draft: text };
      },
      cancelEditing: () => {
        this.editing = undefined;
        this.parts.redraw(row.line);
      },
      expand: (key) => {
        this.expanded.add(key);
        this.parts.redraw(row.line);
      },
      select: () => this.parts.select(row),
    };
    return { editing, error: this.errors.get(row.line), expanded: this.expanded, actions };
  }

  /** Asks the host for an action on an example (show it in the text, duplicate it, …). */
  async act(row: ConversationRow, version: number, action: ExampleAction): Promise<void> {
    try {
      await this.parts.host.request('exampleAction', { line: row.line, version, action });
      if (!this.errors.delete(row.line)) return;
    } catch (error) {
      this.errors.set(row.line, messageOf(error));
    }
    this.parts.redraw(row.line);
  }

  private async edit(row: ConversationRow, version: number, edit: ExampleEdit): Promise<void> {
    try {
      // The pages in view come back with the state once the edit is analysed: no request for them after it.
      const { first, last } = this.parts.drawn();
      const pages = this.parts.cache.pagesCovering(first, last);
      await this.parts.host.request('edit', { line: row.line, version, edit, pages });
      this.errors.delete(row.line);
      // Saved; or the messages moved, and the path being edited may now name another one.
      if (this.editing?.line === row.line && !['setRole', 'setWeight'].includes(edit.kind)) this.editing = undefined;
    } catch (error) {
      this.errors.set(row.line, messageOf(error));
    }
    this.parts.redraw(row.line);
  }

  private startEditing(row: ConversationRow, path: JsonPath, text: string): void {
    const previous = this.editing?.line;
    this.editing = { line: row.line, path, draft: text };
    if (previous !== undefined && previous !== row.line) this.parts.redraw(previous);
    this.parts.redraw(row.line);
    this.parts.focusEditor(row.line);
  }

  /** The version of the cached row now at this row's position, when it is the same line; else the card's own. */
  private versionOf(row: ConversationRow, version: number): number {
    const now = this.parts.cache.row(row.position);
    return now !== undefined && now.row.line === row.line ? now.version : version;
  }
}
