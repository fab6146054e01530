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

  it('remembers the language picked and offers it first next time', async () => {
    const memory = memento();
    // Nothing remembered: TypeScript is first.
    await acceptFirstItem(showRequestCode({ request: REQUEST, connection: CONNECTION }, { memento: memory }));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'typescript');
    assert.equal(memory.get('fineTuneStudio.viewCode.language'), 'typescript');

    await memory.update('fineTuneStudio.viewCode.language', 'python');
    await acceptFirstItem(showRequestCode({ request: REQUEST, connection: CONNECTION }, { memento: memory }));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'python');
  });

  it('a connection with a broken URL fails with a message that names it', async () => {
    await assert.rejects(
      showRequestCode({ request: REQUEST, connection: { ...CONNECTION, baseUrl: 'ftp://x' } }, { language: 'curl' }),
      /Connection “Local lab”/,
    );
  });
});

/**
 * Presses Enter in the quick pick until `result` settles: the pick opens after a moment nothing signals, and Enter
 * does nothing while no pick is open. (Moving the selection by command is not reliable in code-server.)
 */
async function acceptFirstItem(result: Promise<void>): Promise<void> {
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
