// The cards the Conversations list draws, kept by position: building a card renders its markdown, so a card is built
// again only when its row changes, and the ones near the drawn rows are kept for scrolling back.
import type { ConversationRow } from '../../src/protocol/conversations';
import { placeholderView } from './cardView';
import type { CachedRow } from './rowCache';
import type { ListItems } from './virtualList';

/** Cards kept built beyond the drawn ones, so scrolling back does not build them again. */
const CARD_KEEP = 60;

interface CardEntry {
  /** The row the card shows; undefined for a placeholder. */
  readonly row: ConversationRow | undefined;
  readonly element: HTMLElement;
}

/** Where the cards come from, given by the page. */
export interface CardSource {
  /** The loaded row at a position. */
  row(position: number): CachedRow | undefined;
  /** How many examples the list holds (placeholders say where they are in it). */
  matches(): number;
  /** The line being edited: its card is built again even when its row is the same. */
  editingLine(): number | undefined;
  build(cached: CachedRow): HTMLElement;
}

export class CardStore {
  private readonly cards = new Map<number, CardEntry>();
  /** The editor's textarea had focus when its card was built again: focus goes to the new one once attached. */
  private refocus: HTMLTextAreaElement | undefined;

  constructor(private readonly source: CardSource) {}

  /** The element the list draws at a position: a kept card, a new one, or a placeholder. */
  item(position: number, height: number, cheap: boolean): ReturnType<ListItems['item']> {
    const cached = this.source.row(position);
    const entry = this.cards.get(position);
    if (!cached) {
      if (entry && entry.row === undefined) {
        entry.element.style.height = `${height}px`;
        return { element: entry.element, measurable: false };
      }
      return { element: this.placeholder(position, height), measurable: false };
    }
    if (entry?.row === cached.row) return { element: entry.element, measurable: true };
    // A new version of the rows (after any edit) mostly repeats what is drawn: keep the cards whose row is the same,
    // so an edit rebuilds its own card only (building a card renders its markdown).
    if (entry?.row !== undefined && this.source.editingLine() !== cached.row.line && sameRow(entry.row, cached.row)) {
      this.cards.set(position, { row: cached.row, element: entry.element });
      return { element: entry.element, measurable: true };
    }
    if (cheap) {
      if (entry) return { element: entry.element, measurable: false };
      return { element: this.placeholder(position, height), measurable: false };
    }
    const card = this.source.build(cached);
    const active = entry?.element.ownerDocument.activeElement;
    if (entry && active && entry.element.contains(active) && active.localName === 'textarea')
      this.refocus = card.querySelector('textarea') ?? undefined;
    this.cards.set(position, { row: cached.row, element: card });
    return { element: card, measurable: true };
  }

  private placeholder(position: number, height: number): HTMLElement {
    const placeholder = placeholderView(position, this.source.matches(), height);
    this.cards.set(position, { row: undefined, element: placeholder });
    return placeholder;
  }

  /** Forgets every card, so the next frame builds them all again. */
  clear(): void {
    this.cards.clear();
  }

  /** Forgets a line's card so the next frame builds it again. */
  forget(line: number): void {
    for (const [position, entry] of this.cards) if (entry.row?.line === line) this.cards.delete(position);
  }

  /** Forgets the cards far from the drawn positions. */
  keepNear(first: number, last: number): void {
    for (const position of this.cards.keys())
      if (position < first - CARD_KEEP || position > last + CARD_KEEP) this.cards.delete(position);
  }

  /** Gives focus back to an editor built again while it had focus, once it is attached. */
  refocusAttached(): void {
    if (this.refocus?.isConnected) {
      this.refocus.focus();
      this.refocus = undefined;
    }
  }

  /** Focuses the editor on a line's card. */
  focusEditor(line: number): void {
    for (const entry of this.cards.values())
      if (entry.row?.line === line) entry.element.querySelector('textarea')?.focus();
  }

  /** Marks the selected card in place (no card is built again for a selection). */
  markSelected(isSelected: (row: ConversationRow) => boolean): void {
    for (const entry of this.cards.values()) {
      if (!entry.row) continue;
      const selected = isSelected(entry.row);
      entry.element.classList.toggle('selected', selected);
      entry.element.setAttribute('aria-selected', String(selected));
    }
  }
}

/** Two rows that draw the same card (same place, example, problems and tokens). */
function sameRow(a: ConversationRow, b: ConversationRow): boolean {
  return a.line === b.line && a.position === b.position && JSON.stringify(a) === JSON.stringify(b);
}
