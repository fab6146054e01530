import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { webviewHtml, webviewPanelOptions } from '../../../src/panels/webviewHost';

/** Just enough of vscode.Uri for the page helpers (they use `path` and `with`, so they run without VS Code). */
function fakeUri(path: string): vscode.Uri {
  return {
    scheme: 'file',
    path,
    with: ({ path: next }: { path: string }) => fakeUri(next),
    toString: () => `file://${path}`,
  } as unknown as vscode.Uri;
}

describe('webview page and panel options', () => {
  const extensionUri = fakeUri('/ext');

  it('allows scripts, no command URIs, and resources only from dist/webview', () => {
    const options = webviewPanelOptions(extensionUri);
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(
      options.localResourceRoots?.map((uri) => uri.path),
      ['/ext/dist/webview'],
    );
  });

  it('loads the bundle and styles from dist/webview under a CSP with no remote images', () => {
    const webview = {
      cspSource: 'vscode-resource:',
      asWebviewUri: (uri: vscode.Uri) => uri,
    } as unknown as vscode.Webview;
    const html = webviewHtml(webview, { title: 'T', script: 'playground', extensionUri });
    assert.ok(html.includes('src="file:///ext/dist/webview/playground.js"'), html);
    assert.ok(html.includes('href="file:///ext/dist/webview/playground.css"'));
    const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /img-src vscode-resource: data:(;|$)/);
    assert.doesNotMatch(csp, /https?:|\*/);
  });
});
