import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type * as vscode from 'vscode';
import { webviewHtml } from '../../../src/panels/webviewHost';
import type { ViewState } from '../../../src/protocol/conversations';
import { handedOverState, INITIAL_STATE, restoreViewState } from '../../../webview/conversations/viewState';

const extensionUri = {
  path: '/ext',
  with: ({ path }: { path: string }) => ({ ...extensionUri, path }),
} as unknown as vscode.Uri;
const webview = { cspSource: 'vscode-resource:', asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;

/** The page's root element as the browser builds it from the host's HTML. */
function rootOf(state: unknown): HTMLElement {
  const html = webviewHtml(webview, { title: 'data.jsonl', script: 'conversations', extensionUri, state });
  return new JSDOM(html).window.document.getElementById('app')!;
}

describe('conversations: the view state handed to a view that takes another one’s place', () => {
  it('reaches the new page whole, quotes and markup in the filter included', () => {
    const state: ViewState = {
      filter: { text: `"refund" <b>it's</b> & more`, regex: false, codes: ['ft.missing-assistant'], minTokens: 10 },
      firstLine: 41_207,
      selectedLine: 41_210,
      plain: true,
    };
    const root = rootOf(state);
    assert.equal(root.children.length, 0, 'the state is an attribute, never markup');
    assert.deepEqual(restoreViewState(handedOverState(root)), state);
  });

  it('is absent from a page opened on its own, which starts at the top', () => {
    const root = rootOf(undefined);
    assert.equal(root.hasAttribute('data-state'), false);
    assert.equal(handedOverState(root), undefined);
    assert.deepEqual(restoreViewState(handedOverState(root)), INITIAL_STATE);
  });

  it('a state that is not JSON, or not a state, starts the page at the top', () => {
    const root = new JSDOM('<main id="app" data-state="{not json"></main>').window.document.getElementById('app')!;
    assert.equal(handedOverState(root), undefined);
    assert.deepEqual(restoreViewState(['a', 'b']), { ...INITIAL_STATE, filter: {} });
    assert.deepEqual(restoreViewState({ firstLine: -3, selectedLine: 1.5, plain: 'yes' }), INITIAL_STATE);
  });
});
