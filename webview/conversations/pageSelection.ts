// The selected example of the Conversations view. It follows the example's line once known, so an edit that moves
// examples, or a reload, keeps the same example selected.
import type { ConversationRow } from '../../src/protocol/conversations';
import type { CachedRow } from './rowCache';

/** The selected example: its position, and its line once known. */
export interface Selection {
  readonly position: number;
  readonly line: number | undefined;
}

/** What a selection change touches, given by the page. */
export interface SelectionEffects {
  /** The loaded row at a position. */
  row(position: number): CachedRow | undefined;
  /** Marks the selected card in place. */
  mark(isSelected: (row: ConversationRow) => boolean): void;
  /** Scrolls a position into view. */
  reveal(position: number): void;
  /** The selection changed (the view state saves it). */
  changed(): void;
}

export class PageSelection {
  private selection: Selection | undefined;

  constructor(
    /** The saved selection's line: its position is found when the page starts (see place). */
    savedLine: number | undefined,
    private readonly effects: SelectionEffects,
  ) {
    if (savedLine !== undefined) this.selection = { position: -1, line: savedLine };
  }

  /** The selected position, unless none is selected or a saved selection is not placed yet. */
  get position(): number | undefined {
    return this.selection && this.selection.position >= 0 ? this.selection.position : undefined;
  }

  /** The selected example's row, once loaded. */
  get row(): CachedRow | undefined {
    const position = this.position;
    return position === undefined ? undefined : this.effects.row(position);
  }

  /** The selected example's line, once known. */
  get line(): number | undefined {
    return this.selection?.line;
  }

  isSelected(row: ConversationRow): boolean {
    const selection = this.selection;
    if (!selection) return false;
    return selection.line !== undefined ? selection.line === row.line : selection.position === row.position;
  }

  select(selection: Selection, reveal: boolean): void {
    const row = this.effects.row(selection.position);
    this.selection = row ? { position: selection.position, line: row.row.line } : selection;
    this.mark();
    if (reveal) this.effects.reveal(selection.position);
    this.effects.changed();
  }

  /** Places the saved selection at its line's position, or drops it when the line is no longer listed. */
  place(line: number, position: number | null): void {
    this.selection = position === null ? undefined : { position, line };
    this.mark();
  }

  /** Learns the line of a selection made by position when its row arrives. */
  learnLine(rows: readonly ConversationRow[]): void {
    const selection = this.selection;
    if (selection && selection.line === undefined) {
      const row = rows.find((candidate) => candidate.position === selection.position);
      if (row) this.selection = { position: selection.position, line: row.line };
    }
  }

  private mark(): void {
    this.effects.mark((row) => this.isSelected(row));
  }
}
