import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('activation', () => {
  it('registers the command', async () => {
    await vscode.extensions.getExtension('finetune-studio.finetune-studio')!.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('fineTuneStudio.hello'));
  });
});
