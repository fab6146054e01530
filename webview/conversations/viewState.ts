import type { ExampleFilter } from '../../src/protocol/conversations';

/** What the page keeps across hiding and window reloads. */
export interface ViewState {
  readonly filter: ExampleFilter;
  /** Zero-based document line of the example at the top of the list. */
  readonly firstLine: number;
  /** Zero-based document line of the selected example. */
  readonly selectedLine: number | undefined;
  /** Message text shown as typed instead of as markdown. */
  readonly plain: boolean;
}

export const INITIAL_STATE: ViewState = { filter: {}, firstLine: 0, selectedLine: undefined, plain: false };

/** A saved state, or the initial one for anything else (a first visit, an older page's state). */
export function restoreViewState(saved: unknown): ViewState {
  if (typeof saved !== 'object' || saved === null) return INITIAL_STATE;
  const record = saved as Partial<Record<keyof ViewState, unknown>>;
  const line = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  return {
    filter: typeof record.filter === 'object' && record.filter !== null ? record.filter : {},
    firstLine: line(record.firstLine) ?? 0,
    selectedLine: line(record.selectedLine),
    plain: record.plain === true,
  };
}
