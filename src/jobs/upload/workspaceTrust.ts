import * as vscode from 'vscode';

/**
 * The runtime half of "nothing leaves the machine from an untrusted workspace" (the other half is the commands'
 * `enablement: isWorkspaceTrusted`, which a command run from code or a keybinding does not go through). A workspace
 * can hold a dataset crafted to be sent somewhere, so upload and create run only once the user trusts it.
 */
export function untrustedMessage(action: string): string {
  return `${action} is turned off in an untrusted workspace: nothing was sent. Trust this workspace (Manage Workspace Trust), then try again.`;
}

/** True when the workspace is trusted; otherwise says why nothing happens (with a way to trust it) and is false. */
export function ensureTrustedWorkspace(action: string, isTrusted: boolean = vscode.workspace.isTrusted): boolean {
  if (isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(untrustedMessage(action), manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
