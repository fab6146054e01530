import * as vscode from 'vscode';
import { DisposableBase } from '../../lifecycle/disposableBase';
import type { JobsNode, JobsTreeModel } from './jobsTreeModel';
import { presentNode } from './nodePresentation';

/** The command a job's row runs (the detail view, registered by the detail feature). */
export const SHOW_DETAIL_COMMAND = 'fineTuneStudio.jobs.showDetail';

/** Model changes within this time are drawn once (a poll changes the model once per job). */
const REDRAW_DELAY_MS = 50;

/**
 * The Jobs tree's TreeDataProvider: reads the model, asks for a connection's jobs and a job's events and checkpoints
 * the first time they are shown, and redraws after model changes (ages in descriptions move on with the polls).
 */
export class JobsTreeProvider extends DisposableBase implements vscode.TreeDataProvider<JobsNode> {
  private readonly changed = this.own(new vscode.EventEmitter<JobsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private redraw: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: JobsTreeModel,
    private readonly loader: {
      /** Reads a connection's jobs the first time they are shown. */
      ensureLoaded(connectionId: string): Promise<void>;
      /** Reads a job's events and checkpoints the first time they are shown. */
      loadDetails(connectionId: string, jobId: string): Promise<void>;
    },
  ) {
    super();
    this.own(model.onDidChange(() => this.redrawSoon()));
    this.own({ dispose: () => clearTimeout(this.redraw) });
  }

  private redrawSoon(): void {
    if (this.redraw !== undefined) return;
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      this.changed.fire(undefined);
    }, REDRAW_DELAY_MS);
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    const look = presentNode(this.model, node, Date.now() / 1000);
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[look.collapsible];
    const item = new vscode.TreeItem(look.label, collapsible);
    item.id = look.id;
    if (look.description !== undefined) item.description = look.description;
    if (look.tooltip !== undefined) item.tooltip = look.tooltip;
    if (look.icon !== undefined)
      item.iconPath = new vscode.ThemeIcon(
        look.icon.id,
        look.icon.color === undefined ? undefined : new vscode.ThemeColor(look.icon.color),
      );
    item.contextValue = look.contextValue;
    if (look.showDetail !== undefined)
      item.command = { command: SHOW_DETAIL_COMMAND, title: 'Show Details', arguments: [look.showDetail] };
    return item;
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (node === undefined) return this.model.roots();
    if (node.kind === 'connection') await this.loader.ensureLoaded(node.connectionId);
    if (node.kind === 'group' && node.group !== 'resultFiles' && this.model.needsDetails(node.connectionId, node.jobId))
      await this.loader.loadDetails(node.connectionId, node.jobId);
    return this.model.children(node);
  }
}
