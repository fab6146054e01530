import type { RequestGuards } from './checkMessage';
import { object, type Guard } from './guards';

/**
 * Whether a link from model output may be opened: absolute http(s) only, and no user:password@ part (it hides the
 * real host behind a familiar name). The webview marks only such links, and the host checks again before opening.
 */
export function isWebUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The guard for a link the webview asks the host to open. */
export const isWebUrlString: Guard<string> = (value): value is string => typeof value === 'string' && isWebUrl(value);

/** The request a webview that renders markdown makes when a link is clicked; add it to the panel's request map. */
export type OpenLinkRequests = {
  openLink: { params: { url: string }; result: boolean };
};

/** The run-time check of that request: a web URL and nothing else. */
export const openLinkGuards: RequestGuards<OpenLinkRequests> = {
  openLink: object({ url: isWebUrlString }),
};
