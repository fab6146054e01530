import * as assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagnosticsManager } from '../../src/diagnostics/diagnosticsManager';
import { computeDocumentReport } from '../../src/report/registerReport';
import { activateExtension, examplesFolder } from './harness';

// Not the configured model, so the report analyses the document afresh with this model's tokenizer.
const OTHER_MODEL = 'gpt-4.1-2025-04-14';
const line = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Question number ${i}: where is my parcel?` },
      { role: 'assistant', content: `Answer number ${i}: it arrives tomorrow before noon.` },
    ],
  });

/** A diagnostics manager as the report sees it: `tracked` is what it has analysed of the document so far. */
function managerWith(tracked: object | undefined): DiagnosticsManager {
  const analysed = new vscode.EventEmitter<{ document: vscode.TextDocument }>();
  return { get: () => tracked, onDidAnalyse: analysed.event } as unknown as DiagnosticsManager;
}

describe('Dataset Report computation for a document', () => {
  let uri: vscode.Uri;

  before(async () => {
    const extension = await activateExtension();
    // This suite's bundle reads tokenizer tables from beside itself, as the extension's bundle does from dist/.
    cpSync(path.join(extension.extensionPath, 'dist', 'encodings'), path.join(__dirname, 'encodings'), {
      recursive: true,
    });
    uri = vscode.Uri.file(path.join(examplesFolder(), 'report-computation.jsonl'));
    const text = Array.from({ length: 20_000 }, (_, i) => `${line(i)}\n`).join('');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('computes the report with another model', async () => {
    const document = await vscode.workspace.openTextDocument(uri);

    const report = await computeDocumentReport(managerWith({ analysis: {}, snapshot: {} }), document, OTHER_MODEL);

    assert.equal(report?.model, OTHER_MODEL);
    assert.equal(report?.examples, 20_000);
  });

  it('gives no report, and no failure, when the document is edited during the computation', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    // Whether the edit lands before the computation ends is a race with the editor's round trip, so each attempt
    // records which came first; every attempt where the edit came first must end without a report, and at least one
    // attempt must be such a case.
    let editedDuringComputation = 0;
    for (let attempt = 0; attempt < 5 && editedDuringComputation === 0; attempt++) {
      let edited = false;
      const listener = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === document) edited = true;
      });
      try {
        const computing = computeDocumentReport(managerWith({ analysis: {}, snapshot: {} }), document, OTHER_MODEL);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(0, 0), `${line(-1 - attempt)}\n`);
        const applying = vscode.workspace.applyEdit(edit);
        const report = await computing;
        const editCameFirst = edited;
        assert.ok(await applying);
        if (!editCameFirst) continue;
        editedDuringComputation++;
        assert.equal(report, undefined);
      } finally {
        listener.dispose();
      }
    }
    assert.ok(editedDuringComputation > 0, 'the edit never landed before the computation ended');
  });

  it('stops, without a report or a failure, when a newer refresh supersedes it', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const superseded = new AbortController();

    const computing = computeDocumentReport(
      managerWith({ analysis: {}, snapshot: {} }),
      document,
      OTHER_MODEL,
      superseded.signal,
    );
    superseded.abort();

    assert.equal(await computing, undefined);
  });

  it('ends with a message when the document closes before its first analysis', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'jsonl', content: `${line(0)}\n` });
    const computing = computeDocumentReport(managerWith(undefined), document, OTHER_MODEL);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await assert.rejects(computing, /was closed/);
  });
});
