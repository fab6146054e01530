import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExampleCodeLenses } from '../../src/playground/exampleCodeLens';
import type { LoadedExample } from '../../src/protocol/playground';
import { activateExtension, examplesFolder, waitForTab } from './harness';

const COMMAND = 'fineTuneStudio.openExampleInPlayground';
const FILE = 'lens-examples.jsonl';

const chat = {
  messages: [
    { role: 'system', content: 'You are Acme Support.' },
    { role: 'user', content: 'My router blinks red.' },
    { role: 'assistant', content: 'Unplug it for 30 seconds.' },
  ],
};
const preference = {
  input: { messages: [{ role: 'user', content: 'Rate my poem' }] },
  preferred_output: [{ role: 'assistant', content: 'It has a lovely rhythm.' }],
  non_preferred_output: [{ role: 'assistant', content: 'Bad.' }],
};
const rft = { messages: [{ role: 'user', content: 'What is 2+2?' }], reference_answer: '4' };
const toolCall = {
  messages: [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: 'Sunny' },
    { role: 'assistant', content: 'Sunny.' },
  ],
};

/** Line by line: which lines are examples (a lens each) and which are not. */
const LINES = [
  JSON.stringify(chat), // 0
  JSON.stringify({ prompt: 'Q', completion: 'A' }), // 1: no lens
  JSON.stringify(preference), // 2
  '', // 3: no lens
  JSON.stringify(rft), // 4
  JSON.stringify(toolCall), // 5: a lens; opening it is refused
  '{"messages": [', // 6: broken JSON that still mentions the key: a lens; opening it is refused
];
const LENS_LINES = [0, 2, 4, 5, 6];

/**
 * The lenses of a document. With `resolve`, VS Code fills in the commands of that many, as it does for the lenses it
 * shows, and drops the rest; without, it returns them all unresolved.
 */
const lensesOf = (uri: vscode.Uri, resolve?: number) =>
  vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, resolve);
const open = (uri: unknown, line: unknown) =>
  vscode.commands.executeCommand<LoadedExample | undefined>(COMMAND, uri, line);
const lensSetting = () => vscode.workspace.getConfiguration('fineTuneStudio');

describe('Open in Playground lens', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    const file = path.join(examplesFolder(), FILE);
    writeFileSync(file, `${LINES.join('\n')}\n`);
    uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
  });

  after(async () => {
    await lensSetting().update('playground.codeLens', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(uri.fsPath, { force: true });
  });

  it('puts a lens above each example line, with the command and its arguments', async () => {
    const lenses = await lensesOf(uri, 100);
    assert.deepEqual(
      lenses.map((lens) => lens.range.start.line),
      LENS_LINES,
    );
    for (const lens of lenses) {
      const line = lens.range.start.line;
      assert.equal(lens.command?.command, COMMAND);
      assert.equal(lens.command.title, '$(comment-discussion) Open in Playground');
      assert.deepEqual(lens.command.arguments, [uri.toString(), line]);
    }
  });

  it('shows no lenses while fineTuneStudio.playground.codeLens is off', async () => {
    await lensSetting().update('playground.codeLens', false, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await lensesOf(uri), []);
    await lensSetting().update('playground.codeLens', undefined, vscode.ConfigurationTarget.Global);
    assert.equal((await lensesOf(uri)).length, LENS_LINES.length);
  });

  it('opens a chat example in the playground without its last answer, which becomes the reference', async () => {
    const tab = waitForTab('Playground');
    const [lens] = await lensesOf(uri, 100);
    const example = await open(...(lens!.command!.arguments as [string, number]));
    assert.deepEqual(example, {
      source: `${FILE}:1`,
      systemPrompt: 'You are Acme Support.',
      turns: [{ role: 'user', content: 'My router blinks red.' }],
      reference: 'Unplug it for 30 seconds.',
    });
    assert.ok((await tab).input instanceof vscode.TabInputWebview);
  });

  it('opens a preference example with its preferred answer, and an RFT example with none', async () => {
    assert.deepEqual(await open(uri, 2), {
      source: `${FILE}:3`,
      systemPrompt: '',
      turns: [{ role: 'user', content: 'Rate my poem' }],
      reference: 'It has a lovely rhythm.',
    });
    const opened = await open(uri.toString(), 4);
    assert.deepEqual(opened, {
      source: `${FILE}:5`,
      systemPrompt: '',
      turns: [{ role: 'user', content: 'What is 2+2?' }],
    });
  });

  it('reads the line as it is in the editor, unsaved edits included', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const edited = JSON.stringify({
      messages: [...chat.messages.slice(0, 2), { role: 'assistant', content: 'Edited, not saved.' }],
    });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(0).range, edited);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
    assert.equal((await open(uri, 0))?.reference, 'Edited, not saved.');
  });

  it('opens nothing for lines that are no example, lines past the end and bad arguments', async () => {
    for (const line of [1, 3, 5, 6, 99]) assert.equal(await open(uri, line), undefined, `line ${line}`);
    assert.equal(await open(uri, -1), undefined);
    assert.equal(await open(uri, 0.5), undefined);
    assert.equal(await open(undefined, 0), undefined);
    assert.equal(await open(42, 0), undefined);
  });

  describe('in a 100,000-line document', () => {
    let big: vscode.Uri;
    let editor: vscode.TextEditor;

    before(async () => {
      const lines = Array.from({ length: 100_000 }, (_, i) =>
        i % 10 === 9 ? JSON.stringify({ prompt: `Q${i}`, completion: 'A' }) : LINES[0]!.replace('red', `red ${i}`),
      );
      big = vscode.Uri.file(path.join(examplesFolder(), 'lens-big.jsonl'));
      writeFileSync(big.fsPath, `${lines.join('\n')}\n`);
      editor = await vscode.window.showTextDocument(big);
      await scrollTo(editor, 60_000);
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(big.fsPath, { force: true });
    });

    it('puts lenses only near the lines an editor shows', async () => {
      const lenses = await lensesOf(big);
      const lines = lenses.map((lens) => lens.range.start.line);
      assert.ok(lines.includes(60_000), `lines ${lines[0]}..${lines.at(-1)}`);
      assert.ok(lines.every((line) => line >= 59_000 && line < 61_100 && line % 10 !== 9));
      assert.ok(lenses.length > 800 && lenses.length < 2_000, `${lenses.length} lenses`);
    });

    it('asks for lenses again when the editor scrolls away from them', async () => {
      const provider = new ExampleCodeLenses();
      try {
        const token = new vscode.CancellationTokenSource().token;
        const document = editor.document;
        // Timings belong in npm run bench; here only which lines get lenses.
        provider.provideCodeLenses(document, token);
        const asked = new Promise<void>((resolve) => provider.onDidChangeCodeLenses(() => resolve()));
        await scrollTo(editor, 20_000);
        await asked;
        const lines = provider.provideCodeLenses(document, token).map((lens) => lens.range.start.line);
        assert.ok(lines.includes(20_000) && !lines.includes(60_000), `lines ${lines[0]}..${lines.at(-1)}`);
      } finally {
        provider.dispose();
      }
    });
  });
});

/** Shows `line` at the top of the editor and resolves once the extension host knows. */
function scrollTo(editor: vscode.TextEditor, line: number): Promise<void> {
  const shown = () => editor.visibleRanges.some((range) => range.start.line <= line && line <= range.end.line);
  return new Promise((resolve) => {
    const subscription = vscode.window.onDidChangeTextEditorVisibleRanges(() => {
      if (!shown()) return;
      subscription.dispose();
      resolve();
    });
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  });
}
