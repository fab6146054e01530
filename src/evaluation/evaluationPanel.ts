import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections';
import { appendExampleToDataset } from '../datasetFiles/appendExample';
import { WebviewHost, webviewHtml, webviewPanelOptions, type RequestHandlers } from '../panels/webviewHost';
import {
  evaluationProtocol,
  type EvaluationHostEvents,
  type EvaluationRequests,
  type EvaluationWebviewEvents,
} from '../protocol/evaluation';
import { EvaluationSession } from './evaluationHandlers';
import { pickDistilTarget, pickExampleTarget, type TargetPickers } from './targetPickers';

export const EVALUATION_VIEW_TYPE = 'fineTuneStudio.evaluation';

/** What a panel needs besides VS Code. */
export interface EvaluationServices {
  readonly extensionUri: vscode.Uri;
  readonly registry: ConnectionRegistry;
  /** File pickers for saves; tests replace them. */
  readonly pickers?: TargetPickers;
}

/**
 * One panel per results file: opening the same file again reveals it. The page is retained while hidden (a judging
 * run streams into it behind another tab); closing the panel disposes the host, which aborts a run in flight. The
 * page gets texts and numbers only: keys stay in the registry, and every file choice is made by the host.
 */
export class EvaluationPanel implements vscode.Disposable {
  private static readonly open = new Map<string, EvaluationPanel>();
  private readonly host: WebviewHost<EvaluationRequests, EvaluationHostEvents, EvaluationWebviewEvents>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The request handlers, exposed so integration tests can drive the host as the webview would. */
  readonly handlers: RequestHandlers<EvaluationRequests>;
  /** Settles once the results file and its sidecars are read and the metrics computed. */
  readonly loaded: Promise<void>;
  /** Closing the panel stops reading the file and computing its metrics. */
  private readonly closing = new AbortController();

  static async show(uri: vscode.Uri, services: EvaluationServices): Promise<EvaluationPanel> {
    const existing = EvaluationPanel.open.get(uri.toString());
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EVALUATION_VIEW_TYPE, titleOf(uri), vscode.ViewColumn.Active, {
      ...webviewPanelOptions(services.extensionUri),
      retainContextWhenHidden: true,
    });
    const created = new EvaluationPanel(panel, uri, services);
    try {
      await created.loaded;
    } catch (error) {
      if (created.closing.signal.aborted) return created;
      // Not a results file, or unreadable: the command says why; an empty panel would not.
      created.dispose();
      throw error;
    }
    return created;
  }

  /** A panel VS Code restores after a reload, for the file its page saved in its state. */
  static revive(panel: vscode.WebviewPanel, uri: vscode.Uri, services: EvaluationServices): EvaluationPanel {
    EvaluationPanel.open.get(uri.toString())?.dispose();
    panel.webview.options = webviewPanelOptions(services.extensionUri);
    return new EvaluationPanel(panel, uri, services);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    services: EvaluationServices,
  ) {
    const { registry, extensionUri } = services;
    const pickers = services.pickers ?? { pickExampleTarget, pickDistilTarget };
    EvaluationPanel.open.set(uri.toString(), this);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const session = new EvaluationSession({
      resultsPath: uri.fsPath,
      resultsUri: uri.toString(),
      connections: () => registry.list().map((connection) => ({ id: connection.id, name: connection.name })),
      clientFor: (id) => registry.clientFor(id),
      pickExampleTarget: (kind) => pickers.pickExampleTarget(kind, uri),
      pickDistilTarget: (label) => pickers.pickDistilTarget(label, uri),
      appendExample: (path, example, signal) => appendExampleToDataset(vscode.Uri.file(path), example, signal),
      changed: (info) => this.host.post('info', info),
      saved: (message) => void vscode.window.showInformationMessage(message),
    });
    this.handlers = session.handlers();
    this.host = new WebviewHost(panel.webview, this.handlers, { protocol: evaluationProtocol, log: registry.log });
    panel.webview.html = webviewHtml(panel.webview, { title: titleOf(uri), script: 'evaluation', extensionUri });
    this.loaded = session.load(this.closing.signal);
    // The page asks for `info` itself; a failed read is shown by that request's error.
    this.loaded.catch(() => undefined);
    // The session posts the new state itself once the file and its metrics are read again.
    const refresh = () => void session.load(this.closing.signal).catch(() => undefined);
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), basename(uri.fsPath)),
    );
    this.disposables.push(
      this.host,
      watcher,
      // A run still appending to the file shows its new records.
      watcher.onDidChange(refresh),
      registry.onDidChange(() => this.host.post('info', session.info())),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    this.closing.abort();
    if (EvaluationPanel.open.get(this.uri.toString()) === this) EvaluationPanel.open.delete(this.uri.toString());
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function titleOf(uri: vscode.Uri): string {
  return `Evaluation: ${basename(uri.fsPath)}`;
}
