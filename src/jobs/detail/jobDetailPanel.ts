import * as vscode from 'vscode';
import { messageOf } from '../../core/errors/messageOf';
import type { FineTuneProvider } from '../../core/jobs/provider';
import { mergeMetrics } from '../../core/jobs/metrics';
import { WebviewHost, webviewHtml, webviewPanelOptions, type RequestHandlers } from '../../panels/webviewHost';
import {
  jobsProtocol,
  jobTitle,
  type JobDetail,
  type JobDetailHostEvents,
  type JobDetailRequests,
  type StepMetrics,
} from '../../protocol/jobs';
import { JobDetailSession } from './jobDetailSession';

export const JOB_DETAIL_VIEW_TYPE = 'fineTuneStudio.jobDetail';

/** What a panel needs besides VS Code. */
export interface JobDetailServices {
  readonly extensionUri: vscode.Uri;
  /** The provider of a connection (a rejected promise names what is wrong, e.g. no such connection). */
  providerFor(connectionId: string): Promise<FineTuneProvider>;
  /** The connection's name, or undefined when there is no such connection. */
  connectionName(connectionId: string): string | undefined;
  readonly log: { warn(message: string): void };
  /** Between polls; tests make it short. */
  readonly pollIntervalMs?: number;
}

/** What the panel last sent its webview: what integration tests read (the page itself is out of their reach). */
export interface SentToWebview {
  detail?: JobDetail;
  failed?: string;
  /** Every step's metrics, merged as the page merges them. */
  metrics: StepMetrics[];
}

/**
 * The detail panel of one job: one panel per job (showing it again reveals it), titled by the job's suffix or id.
 * Its session polls the job while the panel is visible and the job can still change; closing the panel stops it.
 * The webview gets the job as plain data and never a key.
 */
export class JobDetailPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, JobDetailPanel>();
  private readonly host: WebviewHost<JobDetailRequests, JobDetailHostEvents>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<SentToWebview>();
  private session: JobDetailSession | undefined;
  private disposed = false;
  /** The request handlers, exposed so integration tests can drive the host as the webview would. */
  readonly handlers: RequestHandlers<JobDetailRequests>;
  readonly sent: SentToWebview = { metrics: [] };
  /** Fires after each message to the webview, with everything sent so far. */
  readonly onDidSend = this.changed.event;

  static show(services: JobDetailServices, connectionId: string, jobId: string): JobDetailPanel {
    const key = `${connectionId}\n${jobId}`;
    const existing = JobDetailPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      JOB_DETAIL_VIEW_TYPE,
      jobTitle({ id: jobId }),
      vscode.ViewColumn.Active,
      // Kept while hidden: the chart and its zoom stay as they were (polling pauses meanwhile).
      { ...webviewPanelOptions(services.extensionUri), retainContextWhenHidden: true },
    );
    const created = new JobDetailPanel(panel, services, key, connectionId, jobId);
    JobDetailPanel.panels.set(key, created);
    return created;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: JobDetailServices,
    private readonly key: string,
    private readonly connectionId: string,
    private readonly jobId: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.png');
    this.handlers = {
      refresh: async () => {
        this.session?.resend();
        await this.session?.refresh();
        return null;
      },
    };
    this.host = new WebviewHost(panel.webview, this.handlers, { protocol: jobsProtocol, log: services.log });
    panel.webview.html = webviewHtml(panel.webview, {
      title: jobTitle({ id: jobId }),
      script: 'jobs',
      extensionUri: services.extensionUri,
    });
    this.disposables.push(
      this.host,
      this.changed,
      panel.onDidChangeViewState(({ webviewPanel }) => this.session?.setVisible(webviewPanel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.start();
  }

  private async start(): Promise<void> {
    const name = this.services.connectionName(this.connectionId);
    if (name === undefined) {
      this.fail(`There is no connection with the id “${this.connectionId}” any more.`);
      return;
    }
    let provider: FineTuneProvider;
    try {
      provider = await this.services.providerFor(this.connectionId);
    } catch (error) {
      this.fail(`Could not connect to ${name}: ${messageOf(error)}`);
      return;
    }
    if (this.disposed) return;
    this.session = new JobDetailSession({
      provider,
      jobId: this.jobId,
      connectionName: name,
      ...(this.services.pollIntervalMs !== undefined ? { intervalMs: this.services.pollIntervalMs } : {}),
      sink: {
        detail: (detail) => {
          this.panel.title = jobTitle(detail.job);
          this.sent.detail = detail;
          this.host.post('detail', detail);
          this.changed.fire(this.sent);
        },
        metrics: (update) => {
          this.sent.metrics = update.replace ? [...update.points] : mergeMetrics(update.points, this.sent.metrics);
          this.host.post('metrics', update);
          this.changed.fire(this.sent);
        },
        failed: (message) => this.fail(message),
      },
    });
    this.session.setVisible(this.panel.visible);
    await this.session.refresh();
  }

  private fail(message: string): void {
    this.sent.failed = message;
    this.host.post('failed', { message });
    this.changed.fire(this.sent);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (JobDetailPanel.panels.get(this.key) === this) JobDetailPanel.panels.delete(this.key);
    this.session?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
