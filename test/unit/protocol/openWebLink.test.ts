import * as assert from 'node:assert/strict';
import { openWebLink, type LinkOpener } from '../../../src/panels/openWebLink';
import { checkWebviewMessage } from '../../../src/protocol/checkMessage';
import { isWebUrl, openLinkGuards, type OpenLinkRequests } from '../../../src/protocol/webUrl';

function recordingOpener(answer: boolean) {
  const asked: string[] = [];
  const opened: string[] = [];
  const opener: LinkOpener = {
    confirm: (url) => (asked.push(url), Promise.resolve(answer)),
    open: (url) => (opened.push(url), Promise.resolve(true)),
  };
  return { opener, asked, opened };
}

describe('opening links from webviews', () => {
  const notWeb = [
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vscode:extension/x.y',
    'command:workbench.action.terminal.new',
    'file:///etc/passwd',
    'mailto:a@b.c',
    '//evil.example/',
    '/relative',
    'https://user:pass@evil.example/',
    'https://trusted.example@evil.example/',
    'http://',
    '',
  ];

  it('accepts http(s) URLs only', () => {
    for (const url of ['https://example.com', 'http://127.0.0.1:8080/a?b=c#d', 'HTTPS://EXAMPLE.COM/x'])
      assert.equal(isWebUrl(url), true, url);
    for (const url of notWeb) assert.equal(isWebUrl(url), false, url);
  });

  it('opens a web link only after the user confirmed that exact URL', async () => {
    const yes = recordingOpener(true);
    assert.equal(await openWebLink('https://example.com/a', yes.opener), true);
    assert.deepEqual(yes.asked, ['https://example.com/a']);
    assert.deepEqual(yes.opened, ['https://example.com/a']);

    const no = recordingOpener(false);
    assert.equal(await openWebLink('https://example.com/a', no.opener), false);
    assert.deepEqual(no.opened, []);
  });

  it('never asks about or opens anything else', async () => {
    const yes = recordingOpener(true);
    for (const url of notWeb) assert.equal(await openWebLink(url, yes.opener), false, url);
    assert.deepEqual(yes.asked, []);
    assert.deepEqual(yes.opened, []);
  });

  it('drops an openLink request with a URL that is not a web URL', () => {
    const protocol = { requests: openLinkGuards, events: {} };
    const request = (url: unknown) => ({ type: 'request', id: 1, method: 'openLink', params: { url } });
    assert.equal(
      checkWebviewMessage<OpenLinkRequests, Record<never, never>>(request('https://a.example/'), protocol).ok,
      true,
    );
    for (const url of [...notWeb, 42, null, ['https://a.example/']])
      assert.equal(checkWebviewMessage(request(url), protocol).ok, false, String(url));
  });
});
