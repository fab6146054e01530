import { isWebUrl } from '../../../src/protocol/webUrl';

/** What clicks in rendered markdown do. */
export interface RenderedActions {
  /** Asks the host to open a web link (the host confirms with the user first). */
  readonly openLink: (url: string) => void;
  /** Copies text; navigator.clipboard by default. */
  readonly copy?: (text: string) => Promise<void>;
}

/**
 * Handles clicks in rendered markdown (one listener on the root, so streamed blocks need none): a copy button copies
 * its code block's text, a link goes to `openLink` and is never followed by the webview itself. Returns a function
 * that removes the listener.
 */
export function handleRenderedActions(root: HTMLElement, actions: RenderedActions): () => void {
  const copy = actions.copy ?? ((text: string) => navigator.clipboard.writeText(text));
  const onClick = (event: MouseEvent) => {
    const target = event.target as Element | null;
    // A click on the document itself has no closest(); `instanceof Element` would tie this to one window's classes.
    if (typeof target?.closest !== 'function') return;
    const button = target.closest('[data-copy-code]');
    if (button) {
      const code = button.closest('.md-code')?.querySelector('code')?.textContent ?? '';
      copy(code).then(
        () => flash(button, 'Copied'),
        () => flash(button, 'Copy failed'),
      );
      return;
    }
    const anchor = target.closest('a');
    if (!anchor) return;
    event.preventDefault();
    const url = anchor.getAttribute('data-link');
    if (url && isWebUrl(url)) actions.openLink(url);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

/** Shows on the button whether the copy worked, until the button loses focus. */
function flash(button: Element, text: string): void {
  button.textContent = text;
  button.setAttribute('aria-label', text);
  const reset = () => {
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code');
  };
  button.addEventListener('blur', reset, { once: true });
}
