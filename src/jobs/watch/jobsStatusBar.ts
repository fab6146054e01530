import * as vscode from 'vscode';
import { isUnfinished, statusLabel } from '../../core/jobs/jobState';
import { plural } from '../../core/text/plural';
import { DisposableBase } from '../../lifecycle/disposableBase';
import type { JobsTreeModel } from '../tree/jobsTreeModel';
import { jobLabel } from '../tree/nodePresentation';

/** The Jobs view's id: the status bar item reveals it. */
// Not under `fineTuneStudio.`: VS Code makes commands from a view's id (`<id>.focus`, …), and that prefix is for ours.
export const JOBS_VIEW_ID = 'fineTuneStudioJobs';

/** `$(sync~spin) 2 fine-tunes running` while any job of any connection is unfinished; hidden otherwise. */
export class JobsStatusBar extends DisposableBase {
  private readonly item = this.own(
    vscode.window.createStatusBarItem('fineTuneStudio.jobs', vscode.StatusBarAlignment.Left),
  );

  constructor(private readonly model: JobsTreeModel) {
    super();
    this.item.name = 'Fine-Tuning Jobs';
    this.item.command = `${JOBS_VIEW_ID}.focus`;
    this.own(model.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const running = this.model.allJobs().filter((entry) => isUnfinished(entry.job.status));
    if (running.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sync~spin) ${plural(running.length, 'fine-tune')} running`;
    this.item.tooltip = running.map((entry) => `${jobLabel(entry.job)}: ${statusLabel(entry.job.status)}`).join('\n');
    this.item.show();
  }
}
