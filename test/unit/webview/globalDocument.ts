/**
 * Makes a jsdom window's document the global `document` for the mocha suite it is called in (webview modules create
 * elements through the global, as they do in the browser), and puts the previous one back after it.
 */
export function useGlobalDocument(window: { document: Document }): void {
  let saved: Document;
  before(() => {
    saved = globalThis.document;
    globalThis.document = window.document;
  });
  after(() => {
    globalThis.document = saved;
  });
}
