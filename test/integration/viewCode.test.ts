import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildChatRequest, type Connection, type ReplyRequest } from '../../src/core/connections';
import { showRequestCode } from '../../src/playground/viewCode';

const CONNECTION: Connection = {
  id: 'it-view-code',
  name: 'Local lab',
  kind: 'compatible',
  baseUrl: 'http://127.0.0.1:9/v1',
};
const REQUEST: ReplyRequest = {
  mode: 'chat',
  params: buildChatRequest({ model: 'echo', turns: [{ role: 'user', content: "It's $HOME" }], parameters: {} }),
};

/** A Memento in memory, as the extension's globalState would be. */
function memento(initial: Record<string, unknown> = {}): vscode.Memento {
  const values = new Map(Object.entries(initial));
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: (key: string, value: unknown) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('View code', () => {
  beforeEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the code in an untitled editor beside the active one, with its language', async () => {
    const left = await vscode.workspace.openTextDocument({ content: 'the playground stands in here' });
    await vscode.window.showTextDocument(left, vscode.ViewColumn.One);
    for (const [language, languageId] of [
      ['typescript', 'typescript'],
      ['python', 'python'],
      ['curl', 'shellscript'],
    ] as const) {
      await showRequestCode({ request: REQUEST, connection: CONNECTION }, { language });
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, language);
      assert.equal(editor.document.isUntitled, true);
      assert.equal(editor.document.languageId, languageId);
      assert.match(editor.document.getText(), /LOCAL_LAB_API_KEY/);
      assert.equal(editor.viewColumn, vscode.ViewColumn.Two, `${language} opens beside, focused`);
      await vscode.window.showTextDocument(left, vscode.ViewColumn.One);
    }
  });

  it('offers the last language first and remembers the one picked', async () => {
    const memory = memento({ 'fineTuneStudio.viewCode.language': 'python' });
    let done = false;
    const shown = showRequestCode({ request: REQUEST, connection: CONNECTION }, { memento: memory }).finally(() => {
      done = true;
    });
    // The items are Python (remembered), TypeScript, curl: the second is TypeScript. The quick pick opens
    // asynchronously, and both commands do nothing until it is open.
    for (let tries = 0; tries < 50 && !done; tries++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await shown;
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'typescript');
    assert.equal(memory.get('fineTuneStudio.viewCode.language'), 'typescript');
  });

  it('a connection with a broken URL fails with a message that names it', async () => {
    await assert.rejects(
      showRequestCode({ request: REQUEST, connection: { ...CONNECTION, baseUrl: 'ftp://x' } }, { language: 'curl' }),
      /Connection “Local lab”/,
    );
  });
});
