// The Conversations view's keys: j/k and the arrows move the selection, F8 goes to the next problem (Shift+F8 the
// previous one), Home/End to the ends, / to the search, and Enter shows the selected example in the text.
import type { CachedRow } from './rowCache';

/** What the keys do, bound by the page. */
export interface PageKeyCommands {
  nextProblem(direction: 1 | -1): void;
  /** Selects the example `delta` positions away. */
  moveSelection(delta: number): void;
  /** How many examples the list holds. */
  matches(): number;
  /** Scrolls to a position and selects it. */
  goTo(position: number): void;
  focusSearch(): void;
  /** The selected example, once its row is loaded. */
  selectedRow(): CachedRow | undefined;
  showInText(row: CachedRow): void;
}

export function handlePageKey(event: KeyboardEvent, commands: PageKeyCommands): void {
  if (event.key === 'F8') {
    event.preventDefault();
    commands.nextProblem(event.shiftKey ? -1 : 1);
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      event.preventDefault();
      commands.moveSelection(1);
      break;
    case 'k':
    case 'ArrowUp':
      event.preventDefault();
      commands.moveSelection(-1);
      break;
    case 'Home':
    case 'End': {
      const count = commands.matches();
      if (count === 0 || isControl(event.target)) return;
      event.preventDefault();
      commands.goTo(event.key === 'Home' ? 0 : count - 1);
      break;
    }
    case '/':
      event.preventDefault();
      commands.focusSearch();
      break;
    case 'Enter': {
      if (isControl(event.target)) return;
      const cached = commands.selectedRow();
      if (!cached) return;
      event.preventDefault();
      commands.showInText(cached);
      break;
    }
  }
}

/** Keys typed into a field are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  const node = target as HTMLElement | null;
  if (!node || typeof node.closest !== 'function') return false;
  return node.isContentEditable || node.closest('input, textarea, select') !== null;
}

/** Home, End and Enter keep their own meaning on a control. */
function isControl(target: EventTarget | null): boolean {
  const node = target as Element | null;
  return typeof node?.closest === 'function' && node.closest('button, a, summary, select') !== null;
}
