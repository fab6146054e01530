// Where a view's first screen went, from the view's own clock: its frame's time origin and the page's marks
// `<prefix>:start` (script running), `<prefix>:info` (the host's first state), `<prefix>:first-rows` and, where the
// view has one, `<prefix>:first-card` (the first row built into the page).
import type { Page } from 'playwright-core';
import { millis } from './results';
import { activeWebviewFrame } from './workbenchSession';

/** The active view's marks as one line, in ms after `started` (epoch ms of the user's Enter). */
export async function firstScreenBreakdown(
  page: Page,
  prefix: string,
  started: number,
  drawnMs: number,
): Promise<string> {
  const script = `(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const navigation = performance.getEntriesByType('navigation')[0];
    return JSON.stringify({
      origin: performance.timeOrigin,
      loaded: navigation?.domContentLoadedEventEnd,
      start: at(${JSON.stringify(`${prefix}:start`)}),
      info: at(${JSON.stringify(`${prefix}:info`)}),
      rows: at(${JSON.stringify(`${prefix}:first-rows`)}),
      card: at(${JSON.stringify(`${prefix}:first-card`)}),
    });
  })()`;
  const marks = JSON.parse(await (await activeWebviewFrame(page)).evaluate<string>(script)) as Record<
    string,
    number | undefined
  >;
  const since = (mark: number | undefined) => (mark === undefined ? '?' : millis(marks.origin! + mark - started));
  return (
    `page created ${millis(marks.origin! - started)}, loaded ${since(marks.loaded)}, script ${since(marks.start)}, ` +
    `host state ${since(marks.info)}, first rows ${since(marks.rows)}, ` +
    (marks.card === undefined ? '' : `first card built ${since(marks.card)}, `) +
    `drawn ${millis(drawnMs)}`
  );
}
