import * as vscode from 'vscode';
import { messageOf } from '../core/errors/messageOf';
import type { ViewState } from '../protocol/conversations';
import type { ConversationsSession } from './conversationsSession';

/**
 * From this size a file takes VS Code over a second to load as a document (35 MB took 3–13 s in code-server), and no
 * custom text editor exists before it is loaded.
 */
export const LOAD_FIRST_BYTES = 8 * 1024 * 1024;

/** The two Conversations views by id. */
export interface ConversationViews {
  readonly readOnly: string;
  readonly editable: string;
}

/** How long the switch waits for the read-only view's state as it is at the moment of the switch. */
const FRESH_STATE_WAIT_MS = 1_000;

/** The read-only view standing in for the editable one: what the switch needs of its session. */
export type StandIn = Pick<ConversationsSession, 'onViewState' | 'askViewState'>;

/** A file on its way from the read-only view to the editable one. */
interface Switch {
  /** The read-only view's last state, handed to the editable view. */
  state: ViewState;
  /** Called when the view sends its next state (freshState waits for it). */
  next?: () => void;
  failed: boolean;
}

/**
 * A file small enough to edit but slow to load is first shown read-only, read from disk, and VS Code loads its
 * document only once that view has painted its first screen (in code-server the load holds the workbench's thread
 * the view paints on). Then the editable view takes the read-only one's place in its group, where the user left it
 * (scroll position, selection, filter).
 */
export class LoadingForEdit {
  private readonly switches = new Map<string, Switch>();

  constructor(private readonly views: ConversationViews) {}

  /**
   * Follows a read-only view standing in for the editable one: its first reported state (sent once its first screen
   * is painted) starts the document's load; the one it sends when asked, just before the switch, goes to the
   * editable view.
   */
  follow(uri: vscode.Uri, view: StandIn): vscode.Disposable {
    const key = uri.toString();
    const listening = view.onViewState((state) => {
      const known = this.switches.get(key);
      if (known) {
        known.state = state;
        known.next?.();
        return;
      }
      this.switches.set(key, { state, failed: false });
      void this.loadThenReplace(uri, view);
    });
    return {
      dispose: () => {
        listening.dispose();
        // A failed switch is remembered while its view is open, so scrolling does not try the load again.
        if (this.switches.get(key)?.failed) this.switches.delete(key);
      },
    };
  }

  /** The state the editable view starts from: the read-only view's, while the one takes the other's place. */
  handOver(uri: vscode.Uri): ViewState | undefined {
    const known = this.switches.get(uri.toString());
    return known && !known.failed ? known.state : undefined;
  }

  private async loadThenReplace(uri: vscode.Uri, view: StandIn): Promise<void> {
    const key = uri.toString();
    try {
      await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      const known = this.switches.get(key);
      if (known) known.failed = true;
      void vscode.window.showWarningMessage(
        `The file could not be loaded for editing, so it stays read-only: ${messageOf(error)}`,
      );
      return;
    }
    try {
      await this.replaceWhenShown(uri, () => this.freshState(key, view));
    } finally {
      this.switches.delete(key);
    }
  }

  /**
   * Asks the view for its state and waits for it, briefly: what the user did while the document loaded (the load
   * may hold the page's thread) may not have been reported yet.
   */
  private async freshState(key: string, view: StandIn): Promise<void> {
    const known = this.switches.get(key);
    if (!known) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FRESH_STATE_WAIT_MS);
      known.next = () => {
        clearTimeout(timer);
        resolve();
      };
      view.askViewState();
    });
    known.next = undefined;
  }

  /**
   * Opens the editable view in the read-only one's place once that is the active tab of its group (at once when it
   * is), so the switch never takes over a group the user has moved on in; nothing when it was closed meanwhile.
   * `beforeSwitch` runs once the switch is certain.
   */
  private async replaceWhenShown(uri: vscode.Uri, beforeSwitch: () => Promise<void>): Promise<void> {
    const tab = await new Promise<vscode.Tab | undefined>((resolve) => {
      const check = (): boolean => {
        const found = this.readOnlyTab(uri);
        if (found && !found.isActive) return false;
        resolve(found);
        return true;
      };
      if (check()) return;
      const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (check()) listener.dispose();
      });
    });
    if (!tab) return;
    await beforeSwitch();
    await vscode.commands.executeCommand('vscode.openWith', uri, this.views.editable, {
      viewColumn: tab.group.viewColumn,
      preview: false,
    });
    const left = this.readOnlyTab(uri);
    if (left) await vscode.window.tabGroups.close(left, true);
  }

  private readOnlyTab(uri: vscode.Uri): vscode.Tab | undefined {
    for (const group of vscode.window.tabGroups.all)
      for (const tab of group.tabs)
        if (
          tab.input instanceof vscode.TabInputCustom &&
          tab.input.viewType === this.views.readOnly &&
          tab.input.uri.toString() === uri.toString()
        )
          return tab;
    return undefined;
  }
}
