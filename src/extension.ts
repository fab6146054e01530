import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('fineTuneStudio.hello', () => vscode.window.showInformationMessage('Hello from Fine-Tune Studio')));
}
