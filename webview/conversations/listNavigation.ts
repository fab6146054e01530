// Going somewhere in the Conversations list: the next or previous example (j/k), the ends, the next problem, a line,
// and an example the host reveals. Each selects where it lands; a place not found is said in the toolbar's status.
import { messageOf } from '../../src/core/errors/messageOf';
import { formatCount } from '../shared/dom';
import type { ConversationsHost } from './conversationsHost';
import type { PageSelection } from './pageSelection';
import type { VirtualList } from './virtualList';

export interface NavigationParts {
  readonly host: ConversationsHost;
  readonly list: Pick<VirtualList, 'currentAnchor' | 'scrollToRow'>;
  readonly selection: PageSelection;
  /** How many examples the list holds. */
  matches(): number;
  /** Says something in the toolbar's status line ('' clears it). */
  readonly setStatus: (text: string) => void;
}

export class ListNavigation {
  constructor(private readonly parts: NavigationParts) {}

  /** Selects the example `delta` positions away (the first visible one when none is selected). */
  moveSelection(delta: number): void {
    const count = this.parts.matches();
    if (count === 0) return;
    const current = this.parts.selection.position;
    const position =
      current === undefined ? this.parts.list.currentAnchor.row : Math.max(0, Math.min(count - 1, current + delta));
    this.parts.selection.select({ position, line: undefined }, true);
  }

  /** Scrolls to a position and selects it. */
  goTo(position: number): void {
    this.parts.list.scrollToRow(position);
    this.parts.selection.select({ position, line: undefined }, true);
  }

  async nextProblem(direction: 1 | -1): Promise<void> {
    const { host, list, selection, setStatus } = this.parts;
    const current = selection.position;
    const anchor = list.currentAnchor.row;
    const from = current ?? (direction === 1 ? anchor - 1 : anchor);
    try {
      const position = await host.request('nextProblem', { from: Math.max(-1, from), direction });
      if (position === null) {
        setStatus(direction === 1 ? 'No problem after this example' : 'No problem before this example');
        return;
      }
      setStatus('');
      selection.select({ position, line: undefined }, true);
    } catch (error) {
      setStatus(messageOf(error));
    }
  }

  /** Goes to the example at a zero-based line, or the first one after it. */
  async goToLine(line: number): Promise<void> {
    const { host, list, selection, setStatus } = this.parts;
    try {
      const position = await host.request('findLine', { line });
      if (position === null) {
        setStatus(`No example at or after line ${formatCount(line + 1)}`);
        return;
      }
      setStatus('');
      list.scrollToRow(position);
      selection.select({ position, line: undefined }, false);
    } catch (error) {
      setStatus(messageOf(error));
    }
  }

  /** Selects the example the host reveals (its position is null when the filter hides it). */
  reveal(line: number, position: number | null): void {
    if (position === null) {
      this.parts.setStatus(`Line ${formatCount(line + 1)} is not among the matching examples`);
      return;
    }
    this.parts.setStatus('');
    this.parts.selection.select({ position, line }, true);
  }
}
