import * as assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileValidation } from '../../src/core/pipeline/validateFile';
import { activateExtension, examplesFolder, waitForDiagnostics, waitForTab } from './harness';

const codesOf = (diagnostics: readonly vscode.Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${typeof d.code === 'string' ? d.code : '?'}`).sort();

describe('dataset diagnostics in the editor', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    // A copy, so edits never touch the example other suites read.
    const copy = path.join(examplesFolder(), 'diagnostics-copy.jsonl');
    copyFileSync(path.join(examplesFolder(), 'support-chat.jsonl'), copy);
    uri = vscode.Uri.file(copy);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(uri.fsPath, { force: true });
  });

  it("reports the example file's deliberate mistakes at their lines", async () => {
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length >= 6);
    assert.deepEqual(codesOf(diagnostics), [
      '10:ft.blank-line',
      '13:ft.duplicate-example',
      '14:ft.unknown-key',
      '4:ft.role-case',
      '6:ft.missing-assistant',
      '8:ft.json-syntax',
    ]);
    const syntax = diagnostics.find((d) => d.code === 'ft.json-syntax')!;
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(syntax.source, 'Fine-Tune Studio');
  });

  it('applies the role-casing quick fix and the diagnostic goes away', async () => {
    const roleCase = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'ft.role-case')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      roleCase.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change role to "assistant"');
    assert.ok(fix?.edit, `expected a quick fix; got ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.lineAt(3).text, /"role": "assistant"/);
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'ft.role-case'));
  });

  it('re-validates an edited line as you type', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '{"text": "not a chat example"}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await waitForDiagnostics(uri, (d) =>
      d.some((x) => x.code === 'ft.missing-messages' && x.range.start.line === 0),
    );
    // Lines after the insertion moved down by one, with their cached results.
    assert.ok(
      diagnostics.some((d) => d.code === 'ft.json-syntax' && d.range.start.line === 8),
      codesOf(diagnostics).join(' '),
    );
    assert.equal(document.lineCount, 16);
  });

  it('shows the token count of a line on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(2, 5),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Example 3.*chat/);
    assert.match(text, /\d+ tokens \(\d+ assistant\) in 3 messages/);
  });

  it('opens the Dataset Report for the active dataset', async () => {
    await vscode.window.showTextDocument(uri);
    const opened = waitForTab('Report: diagnostics-copy.jsonl');
    await vscode.commands.executeCommand('fineTuneStudio.showReport');
    const tab = await opened;
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });
});

describe('fix all of one kind', () => {
  it('removes every blank line of a file with one code action', async () => {
    await activateExtension();
    const file = path.join(examplesFolder(), 'fix-all-copy.jsonl');
    const line = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      });
    writeFileSync(
      file,
      [line(1), '', line(2), '   ', line(3), '', ...Array.from({ length: 8 }, (_, i) => line(10 + i))].join('\n') +
        '\n',
    );
    const uri = vscode.Uri.file(file);
    try {
      await vscode.window.showTextDocument(uri);
      const diagnostics = await waitForDiagnostics(
        uri,
        (d) => d.filter((x) => x.code === 'ft.blank-line').length === 3,
      );
      const first = diagnostics.find((d) => d.code === 'ft.blank-line')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        first.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixAll = actions.find((a) => a.title.startsWith('Fix all'));
      assert.ok(fixAll?.edit, `expected a fix-all action; got ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(
        document.getText(),
        [line(1), line(2), line(3), ...Array.from({ length: 8 }, (_, i) => line(10 + i))].join('\n') + '\n',
      );
      await waitForDiagnostics(uri, (d) => d.length === 0);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      rmSync(file, { force: true });
    }
  });
});

describe('editor checks of issue #9', () => {
  const line = (i: number) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `q${i}` },
        { role: 'assistant', content: `a${i}` },
      ],
    });

  /** Writes `lines` to a scratch file in the examples folder, opens it, runs `test`, then closes and removes it. */
  async function withDocument(
    name: string,
    content: string | Buffer,
    test: (uri: vscode.Uri) => Promise<void>,
  ): Promise<void> {
    await activateExtension();
    const file = path.join(examplesFolder(), name);
    writeFileSync(file, content);
    const uri = vscode.Uri.file(file);
    try {
      await vscode.window.showTextDocument(uri);
      await test(uri);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      rmSync(file, { force: true });
    }
  }

  async function quickFixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    return vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
  }

  it('flags absurd nesting, repeated keys and unpaired surrogates, and removes the earlier repeated key', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const lines = Array.from({ length: 10 }, (_, i) => line(i));
    lines.push(`{"messages":[{"role":"user","content":${deep}},{"role":"assistant","content":"a"}]}`);
    lines.push('{"messages":[{"role":"user","content":"old","content":"new"},{"role":"assistant","content":"b"}]}');
    lines.push('{"messages":[{"role":"user","content":"\\ud800"},{"role":"assistant","content":"c"}]}');
    await withDocument('issue9-checks.jsonl', `${lines.join('\n')}\n`, async (uri) => {
      const diagnostics = await waitForDiagnostics(uri, (d) => d.length >= 3);
      assert.deepEqual(codesOf(diagnostics), ['11:ft.nesting-too-deep', '12:ft.duplicate-key', '13:ft.lone-surrogate']);
      const duplicate = diagnostics.find((d) => d.code === 'ft.duplicate-key')!;
      const fix = (await quickFixesAt(uri, duplicate)).find((a) => a.title.startsWith('Remove the earlier'));
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(
        document.lineAt(11).text,
        '{"messages":[{"role":"user","content":"new"},{"role":"assistant","content":"b"}]}',
      );
      await waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'ft.duplicate-key'));
    });
  });

  it('a file in another layout gets one diagnostic whose quick fix runs Convert to Chat JSONL', async () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ instruction: `do ${i}`, input: '', output: `ok ${i}` }),
    );
    await withDocument('issue9-alpaca.jsonl', `${rows.join('\n')}\n`, async (uri) => {
      const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
      assert.deepEqual(codesOf(diagnostics), ['1:ft.other-format']);
      const action = (await quickFixesAt(uri, diagnostics[0]!)).find(
        (a) => a.command?.command === 'fineTuneStudio.convertToChat',
      );
      assert.ok(action, 'expected a Convert to Chat JSONL action');
      assert.equal((action.command!.arguments?.[0] as vscode.Uri).toString(), uri.toString());
    });
  });

  it('lists at most 1000 problems, the last one an ft.more-problems summary', async () => {
    const blanks = Array.from({ length: 1200 }, () => ' ');
    await withDocument(
      'issue9-many.jsonl',
      [...Array.from({ length: 10 }, (_, i) => line(i)), ...blanks].join('\n') + '\n',
      async (uri) => {
        const diagnostics = await waitForDiagnostics(uri, (d) => d.length === 1000);
        const summary = diagnostics.filter((d) => d.code === 'ft.more-problems');
        assert.equal(summary.length, 1);
        assert.match(summary[0]!.message, /^201 more problems are not listed/);
      },
    );
  });

  it('flags a document VS Code would save as UTF-16', async () => {
    const text = `${Array.from({ length: 10 }, (_, i) => line(i)).join('\n')}\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await withDocument('issue9-utf16.jsonl', bytes, async (uri) => {
      const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
      assert.deepEqual(codesOf(diagnostics), ['1:ft.utf16']);
      assert.match(diagnostics[0]!.message, /UTF-16 LE/);
    });
  });
});

describe('Validate File… (files not open in an editor)', () => {
  it('validates a file from disk in worker threads and lists its problems', async () => {
    await activateExtension();
    const file = path.join(examplesFolder(), 'validate-file-copy.jsonl');
    const line = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      });
    writeFileSync(file, `${Array.from({ length: 30 }, (_, i) => line(i)).join('\n')}\n{"messages": [\n${line(3)}\n`);
    try {
      const uri = vscode.Uri.file(file);
      const result = await vscode.commands.executeCommand<FileValidation>('fineTuneStudio.validateFile', uri);
      assert.equal(result.examples, 31);
      assert.equal(result.format, 'chat');
      assert.ok(result.stats && result.stats.examples === 31);
      assert.deepEqual(codesOf(vscode.languages.getDiagnostics(uri)), ['31:ft.json-syntax', '32:ft.duplicate-example']);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
