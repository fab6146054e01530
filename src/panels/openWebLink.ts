import { isWebUrl } from '../protocol/webUrl';

/** How a link is confirmed and opened (VS Code's modal and openExternal in the extension; fakes in tests). */
export interface LinkOpener {
  /** Asks the user, showing the full URL; true to open. */
  confirm(url: string): PromiseLike<boolean>;
  open(url: string): PromiseLike<boolean>;
}

/**
 * Opens a link clicked in a webview: web URLs only (checked again here: the webview is not trusted), and only after
 * the user confirmed the exact URL. Resolves whether it was opened.
 */
export async function openWebLink(url: string, opener: LinkOpener): Promise<boolean> {
  if (!isWebUrl(url)) return false;
  if (!(await opener.confirm(url))) return false;
  return opener.open(url);
}
