import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
// Types only: this file also runs in unit tests in plain Node, with a fake webview.
import type * as vscode from 'vscode';
import type {
  ChunkOf,
  EventMap,
  EventMessage,
  FromHost,
  RequestMap,
  RequestMessage,
  ResponseMessage,
} from '../protocol/envelope';
import { checkWebviewMessage, type WebviewProtocol } from '../protocol/checkMessage';
import { messageOf } from '../core/errors/messageOf';

/** What a handler gets besides its params: the request's cancellation, and a way to send chunks before the result. */
export interface RequestContext<Chunk> {
  /** Aborted when the webview cancels the request or the host is disposed. */
  readonly signal: AbortSignal;
  /** Sends one chunk to the webview now (dropped once the request is cancelled or answered). */
  readonly stream: (chunk: Chunk) => void;
}

/** Host-side handlers for each request method a webview may send. */
export type RequestHandlers<R extends RequestMap> = {
  [M in keyof R]: (
    params: R[M]['params'],
    context: RequestContext<ChunkOf<R, M>>,
  ) => Promise<R[M]['result']> | R[M]['result'];
};

/** Where the host reports dropped messages (a `vscode.LogOutputChannel` fits). */
export interface ProtocolLogger {
  warn(message: string): void;
}

/** The part of a `vscode.Webview` the host talks through (tests pass a fake). */
export type MessagePort = Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>;

export interface WebviewHostOptions<R extends RequestMap, WebviewEvents extends EventMap> {
  /**
   * Run-time checks for every message from the webview. Without them only the envelope is checked (the type, the id,
   * a method that has a handler), not the params: every new panel should pass its protocol.
   */
  readonly protocol?: WebviewProtocol<R, WebviewEvents>;
  /** Where dropped messages and failing event listeners are reported; the console when not given. */
  readonly log?: ProtocolLogger;
}

/** How many dropped messages a host logs: a misbehaving webview must not flood the log. */
export const LOGGED_DROPS = 50;

/** The error text of a response to a cancelled request. */
export const CANCELLED = 'Cancelled';

/**
 * The host end of a webview's protocol: checks every incoming message against the protocol (dropping and logging
 * anything else, never throwing), runs each request's handler with an AbortSignal, streams its chunks and answers by
 * id, aborts a request the webview cancels and everything in flight on dispose, and holds outgoing messages until the
 * webview has said it is ready (a message posted before its listener exists would be lost).
 */
export class WebviewHost<
  R extends RequestMap,
  HostEvents extends EventMap,
  WebviewEvents extends EventMap = Record<never, never>,
>
  implements vscode.Disposable
{
  private ready = false;
  private disposed = false;
  private drops = 0;
  private readonly queue: FromHost<HostEvents>[] = [];
  private readonly inFlight = new Map<number, AbortController>();
  private readonly listeners = new Map<string, ((payload: unknown) => void)[]>();
  private readonly subscription: vscode.Disposable;
  private readonly protocol: WebviewProtocol<R, WebviewEvents>;
  private readonly log: ProtocolLogger;

  constructor(
    private readonly webview: MessagePort,
    private readonly handlers: RequestHandlers<R>,
    options: WebviewHostOptions<R, WebviewEvents> = {},
  ) {
    this.protocol = options.protocol ?? envelopeOnly(handlers);
    this.log = options.log ?? console;
    this.subscription = webview.onDidReceiveMessage((message: unknown) => this.receive(message));
  }

  /** Sends an event now, or as soon as the webview is ready. */
  post<K extends keyof HostEvents & string>(name: K, payload: HostEvents[K]): void {
    this.send({ type: 'event', name, payload } as EventMessage<HostEvents>);
  }

  /** Calls the listener with each (checked) event of this name from the webview. */
  on<K extends keyof WebviewEvents & string>(
    name: K,
    listener: (payload: WebviewEvents[K]) => void,
  ): vscode.Disposable {
    const list = this.listeners.get(name) ?? [];
    const entry = listener as (payload: unknown) => void;
    list.push(entry);
    this.listeners.set(name, list);
    return {
      dispose: () => {
        const index = list.indexOf(entry);
        if (index >= 0) list.splice(index, 1);
      },
    };
  }

  /** Stops listening, aborts every request in flight and sends nothing more. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.queue.length = 0;
    this.listeners.clear();
    for (const controller of this.inFlight.values()) controller.abort(new Error('The webview was closed.'));
    this.inFlight.clear();
  }

  private send(message: FromHost<HostEvents>): void {
    if (this.disposed) return;
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    if (this.disposed) return;
    const checked = checkWebviewMessage(raw, this.protocol);
    if (!checked.ok) {
      this.drop(checked.reason);
      return;
    }
    const message = checked.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        for (const queued of this.queue.splice(0)) void this.webview.postMessage(queued);
        return;
      case 'cancel':
        // An unknown id is no error: the request may have been answered while the cancel was on its way.
        this.inFlight.get(message.id)?.abort(new Error(CANCELLED));
        return;
      case 'event':
        for (const listener of [...(this.listeners.get(message.name) ?? [])]) {
          try {
            listener(message.payload);
          } catch (error) {
            this.log.warn(`A listener of the webview event ${message.name} failed: ${messageOf(error)}`);
          }
        }
        return;
      case 'request':
        void this.run(message);
    }
  }

  private drop(reason: string): void {
    this.drops++;
    if (this.drops < LOGGED_DROPS) this.log.warn(`Dropped a message from the webview: ${reason}.`);
    else if (this.drops === LOGGED_DROPS)
      this.log.warn(`Dropped a message from the webview: ${reason}. Further dropped messages are not logged.`);
  }

  private async run(request: RequestMessage<R>): Promise<void> {
    const { id, method } = request;
    if (this.inFlight.has(id)) {
      this.drop(`request id ${id} is already in flight`);
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    this.inFlight.set(id, controller);
    const handler = this.handlers[method];
    const context: RequestContext<unknown> = {
      signal,
      stream: (chunk) => {
        if (!signal.aborted && this.inFlight.get(id) === controller) this.send({ type: 'stream', id, chunk });
      },
    };
    let response: ResponseMessage;
    try {
      const result = await handler(request.params, context);
      response = signal.aborted ? cancelled(id) : { type: 'response', id, ok: true, result };
    } catch (error) {
      response = signal.aborted ? cancelled(id) : { type: 'response', id, ok: false, error: messageOf(error) };
    }
    if (this.inFlight.get(id) === controller) this.inFlight.delete(id);
    this.send(response);
  }
}

function cancelled(id: number): ResponseMessage {
  return { type: 'response', id, ok: false, error: CANCELLED, cancelled: true };
}

/** The protocol of a host given no guards: any params for a method that has a handler, no events. */
function envelopeOnly<R extends RequestMap, E extends EventMap>(handlers: RequestHandlers<R>): WebviewProtocol<R, E> {
  const anything = (_value: unknown): _value is never => true;
  const requests = Object.fromEntries(Object.keys(handlers).map((method) => [method, anything]));
  return { requests, events: {} } as unknown as WebviewProtocol<R, E>;
}

/** What a webview page loads from dist/webview. */
export interface WebviewPage {
  readonly title: string;
  /** Script bundle name in dist/webview, without extension. */
  readonly script: string;
  readonly extensionUri: vscode.Uri;
  /** Given to the page as its root's `data-state` (JSON): the state of a view this one takes the place of. */
  readonly state?: unknown;
}

/** The folder of the built webview bundles: the only place a webview may load from. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  // Uri.with instead of Uri.joinPath keeps this file free of a run-time `vscode` import (see the import above).
  return extensionUri.with({ path: posix.join(extensionUri.path, 'dist', 'webview') });
}

/**
 * Options for every panel: scripts on, command: URIs off (a link in model output must not run a command), and local
 * resources only from the webview bundle folder.
 */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot(extensionUri)] };
}

/**
 * The page HTML with a strict CSP: nothing by default, scripts only with a fresh crypto nonce, styles and fonts only
 * from the extension's dist/webview, images only from there or data: (model output never loads remote content).
 */
export function webviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const root = webviewRoot(page.extensionUri);
  const asset = (name: string) => webview.asWebviewUri(root.with({ path: posix.join(root.path, name) })).toString();
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
<main id="app" aria-busy="true"${stateAttribute(page.state)}></main>
<script nonce="${nonce}" src="${asset(`${page.script}.js`)}"></script>
</body>
</html>`;
}

function stateAttribute(state: unknown): string {
  return state === undefined ? '' : ` data-state="${escapeHtml(JSON.stringify(state))}"`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
