import * as vscode from 'vscode';
import { reportProtocol, type DatasetReport, type ReportHostEvents, type ReportRequests } from '../protocol/report';
import { WebviewHost, webviewHtml } from '../panels/webviewHost';
import { ReportRefresher, type ComputeReport } from './reportRefresher';

/** What the panel needs from its owner: how to compute a report and how to act on the webview's requests. */
export interface ReportSource {
  /** Computes the report for the panel's document with the given model (undefined: the data changed meanwhile). */
  readonly compute: ComputeReport;
  /** Reveals a (zero-based) line of the document. */
  reveal(line: number): Promise<void>;
}

/**
 * The Dataset Report webview for one document. One panel per document; showing it again reveals and refreshes it.
 */
export class ReportPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, ReportPanel>();
  private readonly host: WebviewHost<ReportRequests, ReportHostEvents>;
  private readonly refresher: ReportRefresher;
  private readonly disposables: vscode.Disposable[] = [];
  private model: string;

  /**
   * Shows (or reveals and refreshes) the report panel for a document key. An open panel takes the new source: a file
   * validated again must not be reported from its previous validation.
   */
  static show(extensionUri: vscode.Uri, key: string, title: string, model: string, source: ReportSource): ReportPanel {
    const existing = ReportPanel.panels.get(key);
    if (existing) {
      existing.source = source;
      existing.panel.reveal(vscode.ViewColumn.Beside);
      existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      'fineTuneStudio.report',
      `Report: ${title}`,
      vscode.ViewColumn.Beside,
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
      },
    );
    const created = new ReportPanel(panel, extensionUri, key, title, model, source);
    ReportPanel.panels.set(key, created);
    return created;
  }

  /** Refreshes the open panel of a document, if any (e.g. after its diagnostics changed). */
  static refreshIfOpen(key: string): void {
    ReportPanel.panels.get(key)?.refresh();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly key: string,
    title: string,
    model: string,
    private source: ReportSource,
  ) {
    this.model = model;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.host = new WebviewHost(
      panel.webview,
      {
        setModel: ({ model: next }) => {
          this.model = next;
          this.refresh();
          return null;
        },
        revealLine: async ({ line }) => {
          await this.source.reveal(line);
          return null;
        },
      },
      { protocol: reportProtocol },
    );
    this.refresher = new ReportRefresher((next, signal) => this.source.compute(next, signal), {
      report: (report: DatasetReport) => this.host.post('report', report),
      failed: (message) => this.host.post('failed', { message }),
    });
    panel.webview.html = webviewHtml(panel.webview, { title: `Report: ${title}`, script: 'report', extensionUri });
    this.disposables.push(
      this.host,
      panel.onDidDispose(() => this.dispose()),
    );
    this.refresh();
  }

  /** Recomputes and sends the report; a refresh supersedes any still in flight. */
  refresh(): void {
    this.refresher.refresh(this.model);
  }

  dispose(): void {
    ReportPanel.panels.delete(this.key);
    this.refresher.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
