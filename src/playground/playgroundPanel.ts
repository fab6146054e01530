import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { WebviewHost, webviewHtml, webviewPanelOptions, type RequestHandlers } from '../panels/webviewHost';
import { vscodeLinkOpener } from '../panels/vscodeLinkOpener';
import {
  playgroundProtocol,
  type PlaygroundHostEvents,
  type PlaygroundRequests,
  type PlaygroundWebviewEvents,
} from '../protocol/playground';
import { ModelCatalog } from './modelCatalog';
import { playgroundHandlers } from './playgroundHandlers';

const TITLE = 'Playground';

/**
 * The one playground panel: showing it again reveals it. Closing it disposes the WebviewHost, which aborts every
 * reply in flight. The webview gets model ids and streamed text only: keys stay in the registry.
 */
export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;
  private readonly host: WebviewHost<PlaygroundRequests, PlaygroundHostEvents, PlaygroundWebviewEvents>;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Aborted when the panel is hidden: VS Code then discards the page (it is not retained), so replies still streaming
   * would go nowhere; the page, restored from its saved state, shows them as stopped with a Retry.
   */
  private hidden = new AbortController();
  /** The request handlers, exposed so integration tests can drive the host as the webview would. */
  readonly handlers: RequestHandlers<PlaygroundRequests>;

  static show(extensionUri: vscode.Uri, registry: ConnectionRegistry): PlaygroundPanel {
    if (PlaygroundPanel.current) {
      PlaygroundPanel.current.panel.reveal();
      return PlaygroundPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('fineTuneStudio.playground', TITLE, vscode.ViewColumn.Active, {
      ...webviewPanelOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    PlaygroundPanel.current = new PlaygroundPanel(panel, extensionUri, registry);
    return PlaygroundPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    registry: ConnectionRegistry,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const catalog = new ModelCatalog({ list: () => registry.list(), clientFor: (id) => registry.clientFor(id) });
    const handlers = playgroundHandlers({
      catalog,
      links: vscodeLinkOpener,
      backend: {
        clientFor: (id) => registry.clientFor(id),
        quirksFor: (id) => registry.quirks.get(id),
        saveQuirks: (id) => registry.quirks.save(id),
      },
    });
    this.handlers = {
      ...handlers,
      chat: (params, context) =>
        handlers.chat(params, { ...context, signal: AbortSignal.any([context.signal, this.hidden.signal]) }),
    };
    this.host = new WebviewHost(panel.webview, this.handlers, { protocol: playgroundProtocol, log: registry.log });
    panel.webview.html = webviewHtml(panel.webview, { title: TITLE, script: 'playground', extensionUri });
    this.disposables.push(
      this.host,
      registry.onDidChange(() => {
        catalog.clear();
        this.host.post('connectionsChanged', null);
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.hidden.abort();
        this.hidden = new AbortController();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
