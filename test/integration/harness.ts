// Shared helpers for tests that run inside the VS Code extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'finetune-studio.finetune-studio';

/** Activates the extension under test and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/** The workspace folder the tests run in (a copy of examples/). */
export function examplesFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need examples/ open as the workspace folder');
  return folder.uri.fsPath;
}

/** Resolves with the document's diagnostics once `accept` is satisfied by them (waits on change events, not sleeps). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `diagnostics for ${uri.fsPath} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}`))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** Resolves with the editor tab of this label once it exists. */
export function waitForTab(label: string, timeoutMs = 20_000): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label);
  return new Promise((resolve, reject) => {
    const existing = find();
    if (existing) return resolve(existing);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(tab);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `no tab "${label}" within ${timeoutMs} ms; tabs: ${vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .map((t) => t.label)
            .join(', ')}`,
        ),
      );
    }, timeoutMs);
  });
}
