import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, examplesFolder } from './harness';

describe('activation', () => {
  it('activates', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command, and contributes every registered one', async () => {
    const extension = await activateExtension();
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('fineTuneStudio.'))
      .sort();
    assert.deepEqual(registered, contributed);
  });

  it('gives .jsonl files the built-in jsonl language', async () => {
    const document = await vscode.workspace.openTextDocument(
      vscode.Uri.file(path.join(examplesFolder(), 'support-chat.jsonl')),
    );
    assert.equal(document.languageId, 'jsonl');
  });
});
