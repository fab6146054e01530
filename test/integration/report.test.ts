import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileValidation } from '../../src/core/pipeline/validateFile';
import { showFileReport } from '../../src/report/fileReport';
import { revealLine } from '../../src/report/revealLine';
import { activateExtension, examplesFolder, waitForTab } from './harness';

describe('Dataset Report: show and reveal', () => {
  const uri = () => vscode.Uri.file(path.join(examplesFolder(), 'support-chat.jsonl'));

  before(() => activateExtension());
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('reveals a line of a file from disk with the cursor on it', async () => {
    await revealLine(uri(), 2);

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, uri().fsPath);
    assert.equal(editor?.selection.active.line, 2);
    assert.equal(editor?.viewColumn, vscode.ViewColumn.One);
  });

  it('shows the report of a file validated from disk, without validating it again', async () => {
    const extension = await activateExtension();
    const result = await vscode.commands.executeCommand<FileValidation | undefined>(
      'fineTuneStudio.validateFile',
      uri(),
    );
    assert.ok(result?.stats);
    const validatedAgain: string[] = [];
    const opened = waitForTab('Report: support-chat.jsonl');

    showFileReport(extension.extensionUri, uri(), result, (_uri, model) => {
      validatedAgain.push(model);
      return Promise.resolve(undefined);
    });

    assert.ok((await opened).input instanceof vscode.TabInputWebview);
    assert.deepEqual(validatedAgain, []);
  });

  it('reports a file validated again from the new validation, not the one its open panel showed', async () => {
    const extension = await activateExtension();
    const first = await vscode.commands.executeCommand<FileValidation | undefined>(
      'fineTuneStudio.validateFile',
      uri(),
    );
    assert.ok(first?.stats);
    const opened = waitForTab('Report: support-chat.jsonl');
    showFileReport(extension.extensionUri, uri(), first, () => Promise.resolve(undefined));
    await opened;
    // The second validation counted with another model, so the open panel (still on the first model) has to ask the
    // new source for its model's report; reusing the first validation would ask nothing.
    const second: FileValidation = { ...first, stats: { ...first.stats, model: 'gpt-4.1-2025-04-14' } };
    const asked = new Promise<string>((resolve) =>
      showFileReport(extension.extensionUri, uri(), second, (_uri, model) => {
        resolve(model);
        return Promise.resolve(undefined);
      }),
    );

    assert.equal(await asked, first.stats.model);
  });
});
