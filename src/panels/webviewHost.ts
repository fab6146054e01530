import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  isEnvelope,
  type EventMap,
  type EventMessage,
  type FromHost,
  type RequestMap,
  type RequestMessage,
} from '../protocol/envelope';
import { messageOf } from '../core/errors/messageOf';

/** Host-side handlers for each request method a webview may send. */
export type RequestHandlers<R extends RequestMap> = {
  [M in keyof R]: (params: R[M]['params']) => Promise<R[M]['result']> | R[M]['result'];
};

/**
 * The host end of a webview's protocol: answers requests by id and holds outgoing events until the webview has said
 * it is ready (a message posted before its listener exists would be lost).
 */
export class WebviewHost<R extends RequestMap, HostEvents extends EventMap> implements vscode.Disposable {
  private ready = false;
  private readonly queue: FromHost<HostEvents>[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly handlers: RequestHandlers<R>,
  ) {
    this.subscription = webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
  }

  /** Sends an event now, or as soon as the webview is ready. */
  post<K extends keyof HostEvents & string>(name: K, payload: HostEvents[K]): void {
    this.send({ type: 'event', name, payload } as EventMessage<HostEvents>);
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.length = 0;
  }

  private send(message: FromHost<HostEvents>): void {
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isEnvelope(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      for (const queued of this.queue.splice(0)) void this.webview.postMessage(queued);
      return;
    }
    if (message.type !== 'request') return;
    const request = message as RequestMessage<R>;
    const handler = this.handlers[request.method] as ((params: unknown) => unknown) | undefined;
    try {
      if (!handler) throw new Error(`unknown request ${String(request.method)}`);
      const result = await handler(request.params);
      this.send({ type: 'response', id: request.id, ok: true, result });
    } catch (error) {
      this.send({
        type: 'response',
        id: request.id,
        ok: false,
        error: messageOf(error),
      });
    }
  }
}

/** What a webview page loads from dist/webview. */
export interface WebviewPage {
  readonly title: string;
  /** Script bundle name in dist/webview, without extension. */
  readonly script: string;
  readonly extensionUri: vscode.Uri;
}

/**
 * The page HTML with a strict CSP: nothing by default, scripts only with a fresh crypto nonce, styles and fonts only
 * from the extension's dist/webview, images only from there or data: (model output never loads remote content).
 */
export function webviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(page.extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset(`${page.script}.css`)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${asset(`${page.script}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
