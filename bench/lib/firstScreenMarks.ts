// Where a view's first screen went, from the view's own clock: its frame's time origin and the page's marks
// `<prefix>:start` (script running), `<prefix>:info` (the host's first state), `<prefix>:first-rows` and, where the
// view has one, `<prefix>:first-card` (the first row built into the page) with the moment the browser painted that
// card (an Element Timing entry named after the mark).
import type { Page } from 'playwright-core';
import { millis } from './results';
import { activeWebviewFrame } from './workbenchSession';

export interface FirstScreenMarks {
  /** The marks as one line, in ms after the Enter. */
  readonly breakdown: string;
  /** When the browser painted the first card, in ms after the Enter (where the view times it). */
  readonly paintedMs?: number;
}

/** The active view's marks, in ms after `started` (epoch ms of the user's Enter); `seenMs`: when the driver saw it. */
export async function firstScreenBreakdown(
  page: Page,
  prefix: string,
  started: number,
  seenMs: number,
): Promise<FirstScreenMarks> {
  // Element Timing entries are only given to observers (buffered), not by getEntriesByName.
  const script = `new Promise((resolve) => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const navigation = performance.getEntriesByType('navigation')[0];
    const marks = (painted) => JSON.stringify({
      origin: performance.timeOrigin,
      loaded: navigation?.domContentLoadedEventEnd,
      start: at(${JSON.stringify(`${prefix}:start`)}),
      info: at(${JSON.stringify(`${prefix}:info`)}),
      rows: at(${JSON.stringify(`${prefix}:first-rows`)}),
      card: at(${JSON.stringify(`${prefix}:first-card`)}),
      painted,
    });
    if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes.includes('element'))
      return resolve(marks(undefined));
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => e.identifier === ${JSON.stringify(`${prefix}:first-card`)});
      observer.disconnect();
      resolve(marks(entry?.renderTime || undefined));
    });
    observer.observe({ type: 'element', buffered: true });
    setTimeout(() => { observer.disconnect(); resolve(marks(undefined)); }, 500);
  })`;
  const marks = JSON.parse(await (await activeWebviewFrame(page)).evaluate<string>(script)) as Record<
    string,
    number | undefined
  >;
  const after = (mark: number | undefined) => (mark === undefined ? undefined : marks.origin! + mark - started);
  const since = (mark: number | undefined) => (mark === undefined ? '?' : millis(after(mark)!));
  const paintedMs = after(marks.painted);
  return {
    breakdown:
      `page created ${millis(marks.origin! - started)}, loaded ${since(marks.loaded)}, script ${since(marks.start)}, ` +
      `host state ${since(marks.info)}, first rows ${since(marks.rows)}, ` +
      (marks.card === undefined ? '' : `first card built ${since(marks.card)}, `) +
      (paintedMs === undefined ? '' : `painted ${millis(paintedMs)}, `) +
      `seen by the driver ${millis(seenMs)}`,
    paintedMs,
  };
}
