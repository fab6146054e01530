import type { ViewState } from '../../src/protocol/conversations';

export type { ViewState };

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

/** The state the host wrote into the page (`data-state`) for a view that takes another's place; undefined if none. */
export function handedOverState(root: HTMLElement): unknown {
  const text = root.dataset['state'];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
