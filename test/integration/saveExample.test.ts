import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exampleLine } from '../../src/core/playground/savedExample';
import { createExampleSaver } from '../../src/playground/saveExample';
import type { SaveExampleParams } from '../../src/protocol/playground';
import { activateExtension, examplesFolder, waitForDiagnostics } from './harness';

const chatLine = (i: number): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: `answer ${i}` },
    ],
  });

/** Nine examples: one short of the ten the fine-tuning API asks for, which the diagnostics report. */
const NINE = Array.from({ length: 9 }, (_, i) => `${chatLine(i)}\n`).join('');

const reply: SaveExampleParams = {
  kind: 'chat',
  systemPrompt: 'Answer briefly.',
  turns: [
    { role: 'user', content: 'What is the capital of France?' },
    { role: 'assistant', content: 'Paris.' },
  ],
};

const pair: SaveExampleParams = {
  kind: 'preference',
  systemPrompt: '',
  turns: [{ role: 'user', content: 'What is the capital of France?' }],
  preferred: 'Paris.',
  nonPreferred: 'I am not sure.',
};

/** A workspace state that forgets everything when the test ends. */
class MemoryState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const hasTooFew = (diagnostics: readonly vscode.Diagnostic[]) =>
  diagnostics.some((d) => d.code === 'ft.too-few-examples');

describe('save to dataset', () => {
  let folder: string;
  let target: vscode.Uri | undefined;
  const saver = createExampleSaver(
    { workspaceState: new MemoryState() },
    { pickTarget: () => Promise.resolve(target) },
  );
  const save = (params: SaveExampleParams) => saver.save(params, new AbortController().signal);
  const file = (name: string, content: string | Buffer): vscode.Uri => {
    const full = path.join(folder, name);
    writeFileSync(full, content);
    return vscode.Uri.file(full);
  };
  const bytes = (uri: vscode.Uri): Buffer => readFileSync(uri.fsPath);

  before(async () => {
    await activateExtension();
    folder = path.join(examplesFolder(), `save-example-test-${Date.now()}`);
    mkdirSync(folder);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('appends to an open document: saved, its diagnostics follow, and one Undo removes exactly the line', async () => {
    target = file('open.jsonl', NINE);
    const editor = await vscode.window.showTextDocument(target);
    await waitForDiagnostics(target, hasTooFew);

    assert.deepEqual(await save(reply), { saved: true, fileName: 'open.jsonl', line: 10 });
    const expected = `${NINE}${exampleLine(reply)}\n`;
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, false, 'a document without unsaved changes is saved after the edit');
    assert.equal(bytes(target).toString(), expected);
    await waitForDiagnostics(target, (d) => !hasTooFew(d));

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), NINE);
    await waitForDiagnostics(target, hasTooFew);
  });

  it('leaves a document with unsaved changes unsaved, and adds a line break its last line lacks', async () => {
    target = file('dirty.jsonl', chatLine(0));
    const document = await vscode.workspace.openTextDocument(target);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, new vscode.Position(0, 0), `${chatLine(1)}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));

    assert.deepEqual(await save(reply), { saved: true, fileName: 'dirty.jsonl', line: 3 });
    assert.equal(document.getText(), `${chatLine(1)}\n${chatLine(0)}\n${exampleLine(reply)}\n`);
    assert.equal(document.isDirty, true);
    assert.equal(bytes(target).toString(), chatLine(0), 'the file on disk is untouched');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.isDirty, false);
  });

  it('keeps the CRLF line breaks of an open document', async () => {
    target = file('crlf-open.jsonl', `${chatLine(0)}\r\n${chatLine(1)}\r\n`);
    const document = await vscode.workspace.openTextDocument(target);
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    assert.deepEqual(await save(reply), { saved: true, fileName: 'crlf-open.jsonl', line: 3 });
    assert.equal(bytes(target).toString(), `${chatLine(0)}\r\n${chatLine(1)}\r\n${exampleLine(reply)}\r\n`);
  });

  it('appends to a closed file: the bytes before are unchanged and a missing final line break is added', async () => {
    const before = Buffer.from(
      `${chatLine(0)}\n{"messages":[{"role":"user","content":"é 🙂"},{"role":"assistant","content":"ok"}]}`,
    );
    target = file('closed.jsonl', before);
    assert.deepEqual(await save(reply), { saved: true, fileName: 'closed.jsonl', line: 3 });
    assert.deepEqual(bytes(target), Buffer.concat([before, Buffer.from(`\n${exampleLine(reply)}\n`)]));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === target!.toString()));

    assert.deepEqual(await save(reply), { saved: true, fileName: 'closed.jsonl', line: 4 });
    assert.deepEqual(
      bytes(target),
      Buffer.concat([before, Buffer.from(`\n${exampleLine(reply)}\n${exampleLine(reply)}\n`)]),
    );
  });

  it('keeps the CRLF line breaks of a closed file', async () => {
    target = file('crlf-closed.jsonl', `${chatLine(0)}\r\n${chatLine(1)}`);
    assert.deepEqual(await save(reply), { saved: true, fileName: 'crlf-closed.jsonl', line: 3 });
    assert.equal(bytes(target).toString(), `${chatLine(0)}\r\n${chatLine(1)}\r\n${exampleLine(reply)}\r\n`);
  });

  it('creates a new file with just the example, and a preference pair goes to a preference file', async () => {
    target = vscode.Uri.file(path.join(folder, 'new-pairs.jsonl'));
    assert.deepEqual(await save(pair), { saved: true, fileName: 'new-pairs.jsonl', line: 1 });
    assert.equal(bytes(target).toString(), `${exampleLine(pair)}\n`);
    assert.deepEqual(await save(pair), { saved: true, fileName: 'new-pairs.jsonl', line: 2 });
  });

  it('refuses an invalid example or one of the wrong format and leaves the file as it was', async () => {
    const before = `${chatLine(0)}\n${chatLine(1)}\n`;
    target = file('refused.jsonl', before);
    await assert.rejects(save(pair), {
      message:
        'The example was not saved to refused.jsonl. refused.jsonl holds chat (supervised fine-tuning) examples. A preference (DPO) example does not belong there: pick a preference (DPO) file or a new one.',
    });
    const emptyReply: SaveExampleParams = {
      ...reply,
      turns: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
      ],
    };
    await assert.rejects(save(emptyReply), {
      message: 'The example was not saved to refused.jsonl. The reply: Content is empty.',
    });
    assert.equal(bytes(target).toString(), before);

    const document = await vscode.workspace.openTextDocument(target);
    await assert.rejects(save(emptyReply), /Content is empty/);
    assert.equal(document.getText(), before);
    assert.equal(document.isDirty, false);
  });

  it('saves nothing when the pick is dismissed', async () => {
    target = undefined;
    assert.deepEqual(await save(reply), { saved: false });
  });

  it('offers the file last used for the kind first in its quick pick', async () => {
    const state = new MemoryState();
    const recorder = createExampleSaver({ workspaceState: state }, { pickTarget: () => Promise.resolve(target) });
    target = file('last-used.jsonl', `${chatLine(0)}\n`);
    await recorder.save(reply, new AbortController().signal);

    // The same workspace state, and the real quick pick: Enter takes its first item.
    const picking = createExampleSaver({ workspaceState: state }).save(reply, new AbortController().signal);
    assert.deepEqual(await acceptFirstItem(picking), { saved: true, fileName: 'last-used.jsonl', line: 3 });
    assert.equal(bytes(target).toString(), `${chatLine(0)}\n${exampleLine(reply)}\n${exampleLine(reply)}\n`);
  });

  it('closes its quick pick and saves nothing when the playground goes away', async () => {
    const controller = new AbortController();
    const picking = createExampleSaver({ workspaceState: new MemoryState() }).save(reply, controller.signal);
    controller.abort();
    assert.deepEqual(await picking, { saved: false });
  });
});

/**
 * Presses Enter in the quick pick until `result` settles: the pick opens after a moment nothing signals, and Enter
 * does nothing while no pick is open.
 */
async function acceptFirstItem<T>(result: Promise<T>): Promise<T> {
  let settled = false;
  const done = result.finally(() => {
    settled = true;
  });
  for (let attempt = 0; attempt < 100 && !settled; attempt++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([done.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return done;
}
