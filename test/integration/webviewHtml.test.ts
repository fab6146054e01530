import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { webviewHtml } from '../../src/panels/webviewHost';

// The webview loads nothing but the extension's own bundle: a strict CSP with a fresh nonce for each page.
describe('webview page security', () => {
  const webview = {
    cspSource: 'https://csp.example',
    asWebviewUri: (uri: vscode.Uri) => uri,
  } as unknown as vscode.Webview;
  const page = { title: 'Report: <b>x</b>.jsonl', script: 'report', extensionUri: vscode.Uri.file('/extension') };

  it('allows nothing by default and scripts only with a fresh crypto nonce', () => {
    const html = webviewHtml(webview, page);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? '';

    assert.ok(csp.startsWith("default-src 'none'"), csp);
    assert.ok(nonce.length >= 24, `nonce ${nonce}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal([...html.matchAll(/<script /g)].length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" `));
    assert.notEqual(/'nonce-([^']+)'/.exec(webviewHtml(webview, page))?.[1], nonce, 'a nonce is never reused');
    assert.ok(html.includes('<title>Report: &#60;b&#62;x&#60;/b&#62;.jsonl</title>'), 'the title is escaped');
  });
});
