import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CurationReport } from '../../src/core/curate/report';

const chatLine = (i: number): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });

// 20 distinct examples; line 11 repeats line 4 and line 22 repeats line 8.
const distinct = Array.from({ length: 20 }, (_, i) => chatLine(i));
const lines = [...distinct.slice(0, 10), chatLine(3), ...distinct.slice(10), chatLine(7)];
const text = lines.map((line) => `${line}\n`).join('');

const linesOf = (content: string): string[] => (content === '' ? [] : content.slice(0, -1).split('\n'));

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('curation commands', () => {
  let folder: vscode.Uri;
  let input: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension('finetune-studio.finetune-studio')!.activate();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    folder = vscode.Uri.joinPath(root, `curate-test-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    input = vscode.Uri.joinPath(folder, 'data.jsonl');
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(text));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('dedupe writes name.dedup.jsonl without the repeated examples and reports them', async () => {
    const report = await vscode.commands.executeCommand<CurationReport | undefined>('fineTuneStudio.dedupe', input, {
      mode: 'exact',
    });

    const output = vscode.Uri.joinPath(folder, 'data.dedup.jsonl');
    assert.ok(report);
    assert.equal(report.read, 22);
    assert.equal(report.written, 20);
    assert.equal(report.skippedCount, 2);
    assert.deepEqual(report.skipped, [
      { line: 11, reason: 'duplicate of line 4' },
      { line: 22, reason: 'duplicate of line 8' },
    ]);
    assert.deepEqual(report.outputs, [{ path: output.fsPath, lines: 20 }]);
    assert.equal(await readText(output), distinct.map((line) => `${line}\n`).join(''));
  });

  it('dedupe with answers leaves an existing output alone unless replace is true', async () => {
    const output = vscode.Uri.joinPath(folder, 'data.dedup.jsonl');
    await vscode.workspace.fs.writeFile(output, new TextEncoder().encode('old\n'));

    assert.equal(
      await vscode.commands.executeCommand('fineTuneStudio.dedupe', input, { mode: 'normalized' }),
      undefined,
    );
    assert.equal(await readText(output), 'old\n');

    const report = await vscode.commands.executeCommand<CurationReport | undefined>('fineTuneStudio.dedupe', input, {
      mode: 'normalized',
      replace: true,
    });
    assert.equal(report?.written, 20);
    assert.equal(await readText(output), distinct.map((line) => `${line}\n`).join(''));
  });

  it('split writes name.train.jsonl and name.validation.jsonl by the ratio, keeping duplicates on one side', async () => {
    const report = await vscode.commands.executeCommand<CurationReport | undefined>('fineTuneStudio.split', input, {
      ratio: 0.8,
      seed: 1,
    });

    const trainUri = vscode.Uri.joinPath(folder, 'data.train.jsonl');
    const validationUri = vscode.Uri.joinPath(folder, 'data.validation.jsonl');
    assert.ok(report);
    assert.equal(report.read, 22);
    assert.equal(report.written, 22);
    // Validation gets round(22 × 0.2) = 4 examples.
    assert.deepEqual(report.outputs, [
      { path: trainUri.fsPath, lines: 18 },
      { path: validationUri.fsPath, lines: 4 },
    ]);
    const train = linesOf(await readText(trainUri));
    const validation = linesOf(await readText(validationUri));
    assert.equal(train.length, 18);
    assert.equal(validation.length, 4);
    assert.deepEqual([...train, ...validation].sort(), [...lines].sort());
    assert.ok(!validation.some((line) => train.includes(line)), 'an example appears in both files');
  });

  it('explains that an untitled document cannot be curated', async () => {
    const untitled = await vscode.workspace.openTextDocument({ content: text });

    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.shuffle', untitled.uri, { seed: 1 }), undefined);
  });
});
