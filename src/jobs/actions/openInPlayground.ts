import * as vscode from 'vscode';

/**
 * Opens the playground in compare mode: the base model beside the fine-tuned model (or a checkpoint's). The jobs
 * feature never imports the playground; it runs the playground's command with `{ pair }`.
 */
export async function openInPlayground(connectionId: string, base: string, fineTuned: string): Promise<void> {
  await vscode.commands.executeCommand('fineTuneStudio.openPlayground', { pair: { connectionId, base, fineTuned } });
}
