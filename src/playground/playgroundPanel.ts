import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { WebviewHost, webviewHtml, webviewPanelOptions, type RequestHandlers } from '../panels/webviewHost';
import { vscodeLinkOpener } from '../panels/vscodeLinkOpener';
import {
  playgroundProtocol,
  type LoadedExample,
  type ModelPair,
  type PlaygroundHostEvents,
  type PlaygroundRequests,
  type PlaygroundWebviewEvents,
} from '../protocol/playground';
import { ModelCatalog } from './modelCatalog';
import { playgroundHandlers, type CodeViewer, type ExampleSaver } from './playgroundHandlers';

export const PLAYGROUND_VIEW_TYPE = 'fineTuneStudio.playground';
const TITLE = 'Playground';

/** What a panel needs besides VS Code: the connections, and the features behind Save to dataset and View code. */
export interface PlaygroundServices {
  readonly extensionUri: vscode.Uri;
  readonly registry: ConnectionRegistry;
  readonly examples: ExampleSaver;
  readonly viewCode: CodeViewer;
}

/**
 * The one playground panel: showing it again reveals it. Its page is retained while hidden, so replies keep streaming
 * into it behind another tab; closing the panel disposes the WebviewHost, which aborts every reply in flight. After a
 * window reload the serializer revives it and the page restores its conversations from its saved state. The webview
 * gets model ids and streamed text only: keys stay in the registry.
 */
export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;
  private readonly host: WebviewHost<PlaygroundRequests, PlaygroundHostEvents, PlaygroundWebviewEvents>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The request handlers, exposed so integration tests can drive the host as the webview would. */
  readonly handlers: RequestHandlers<PlaygroundRequests>;

  static show(services: PlaygroundServices): PlaygroundPanel {
    if (PlaygroundPanel.current) {
      PlaygroundPanel.current.panel.reveal();
      return PlaygroundPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PLAYGROUND_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      ...webviewPanelOptions(services.extensionUri),
      retainContextWhenHidden: true,
    });
    PlaygroundPanel.current = new PlaygroundPanel(panel, services);
    return PlaygroundPanel.current;
  }

  /** A panel VS Code restores after a reload (the serializer's job); a second one replaces the first. */
  static revive(panel: vscode.WebviewPanel, services: PlaygroundServices): PlaygroundPanel {
    PlaygroundPanel.current?.dispose();
    panel.webview.options = webviewPanelOptions(services.extensionUri);
    PlaygroundPanel.current = new PlaygroundPanel(panel, services);
    return PlaygroundPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    services: PlaygroundServices,
  ) {
    const { registry, extensionUri } = services;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const catalog = new ModelCatalog({
      list: () => registry.list(),
      clientFor: (id) => registry.clientFor(id),
      nonStreaming: (id) => registry.quirks.get(id).nonStreamingModels,
    });
    this.handlers = playgroundHandlers({
      catalog,
      links: vscodeLinkOpener,
      examples: services.examples,
      viewCode: services.viewCode,
      backend: {
        clientFor: (id) => registry.clientFor(id),
        quirksFor: (id) => registry.quirks.get(id),
        saveQuirks: (id) => registry.quirks.save(id),
        setStreaming: (id, model, streaming) => registry.quirks.setStreaming(id, model, streaming),
        connection: (id) => registry.get(id),
      },
    });
    this.host = new WebviewHost(panel.webview, this.handlers, { protocol: playgroundProtocol, log: registry.log });
    panel.webview.html = webviewHtml(panel.webview, { title: TITLE, script: 'playground', extensionUri });
    this.disposables.push(
      this.host,
      registry.onDidChange(() => {
        catalog.clear();
        this.host.post('connectionsChanged', null);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Loads a dataset example into every column (the page regenerates its last answer) and shows the panel. */
  loadExample(example: LoadedExample): void {
    this.panel.reveal();
    this.host.post('loadExample', example);
  }

  /** Starts over with a base model beside its fine-tune (or a checkpoint), and shows the panel. */
  showPair(pair: ModelPair): void {
    this.panel.reveal();
    this.host.post('showPair', pair);
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
