import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createTokenCounter } from '../../src/core/analysis/lineTokens';
import { indexLines } from '../../src/core/io/lineIndex';
import { ConversationsSession, type ExportMatches } from '../../src/conversations/conversationsSession';
import { DocumentCommands } from '../../src/conversations/documentCommands';
import { DocumentSource } from '../../src/conversations/documentSource';
import { exportMatchesOf } from '../../src/conversations/exportMatches';
import { FileSource, LARGE_FILE_BYTES } from '../../src/conversations/fileSource';
import { LOAD_FIRST_BYTES } from '../../src/conversations/loadingForEdit';
import { DiagnosticsManager } from '../../src/diagnostics/diagnosticsManager';
import type { ConversationsHostEvents, ConversationsRequests } from '../../src/protocol/conversations';
import { WebviewDriver } from './webviewDriver';
import { activateExtension, examplesFolder, waitForTab } from './harness';

type View = WebviewDriver<ConversationsRequests, ConversationsHostEvents>;

const chat = (question: string, answer: string, system?: string): string =>
  JSON.stringify({
    messages: [
      ...(system === undefined ? [] : [{ role: 'system', content: system }]),
      { role: 'user', content: question },
      { role: 'assistant', content: answer },
    ],
  });

/** Ten examples, the third with an empty answer (a problem) and the sixth without a system message. */
const LINES = Array.from({ length: 10 }, (_, i) =>
  i === 2 ? chat('q2', '', 'Be brief.') : i === 5 ? chat('q5', 'a5') : chat(`q${i}`, `a${i}`, 'Be brief.'),
);

describe('conversations view', () => {
  let folder: string;
  let manager: DiagnosticsManager;
  const disposables: vscode.Disposable[] = [];

  const file = (name: string, content: string): vscode.Uri => {
    const full = path.join(folder, name);
    writeFileSync(full, content);
    return vscode.Uri.file(full);
  };

  /** A session over an open document, as the custom editor makes one, with a fake webview. */
  async function open(
    name: string,
    content: string,
    exportMatches: ExportMatches = () => Promise.resolve(),
  ): Promise<{ document: vscode.TextDocument; view: View }> {
    const uri = file(name, content);
    const document = await vscode.workspace.openTextDocument(uri);
    const view: View = new WebviewDriver();
    const source = new DocumentSource(document, manager);
    const session = new ConversationsSession(
      view.webview,
      source,
      name,
      new DocumentCommands(document, manager),
      exportMatches,
      console,
    );
    disposables.push(session, source);
    view.ready();
    await view.event('info', () => true);
    return { document, view };
  }

  before(async () => {
    await activateExtension();
    folder = path.join(examplesFolder(), `conversations-test-${Date.now()}`);
    mkdirSync(folder);
    // A manager of the test's own, wired to edits like the extension's, so the test can hand it to the session.
    manager = new DiagnosticsManager(vscode.languages.createDiagnosticCollection('conversations-test'), (settings) =>
      createTokenCounter(settings.model, settings.defaultExampleTokenLimit),
    );
    disposables.push(
      manager,
      vscode.workspace.onDidChangeTextDocument((event) => manager.change(event)),
    );
  });
  afterEach(() => {
    for (const disposable of disposables.splice(2)) disposable.dispose();
  });
  after(async () => {
    for (const disposable of disposables.splice(0)) disposable.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows each line as a chat with its problems and token count', async () => {
    const { view } = await open('rows.jsonl', `${LINES.join('\n')}\n`);
    // The first state comes with the first page of rows, so a view opened at the top need not ask for them.
    const firstState = await view.event('info', (i) => i.pages !== undefined);
    assert.deepEqual(
      firstState.pages?.map((page) => [page.start, page.rows.map((row) => row.line)]),
      [[0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]],
    );
    const info = await view.event('info', (i) => i.problemLines > 0);
    assert.equal(info.lineCount, 10);
    assert.equal(info.matches, 10);
    const { rows } = await view.request('rows', { start: 1, count: 3 });
    assert.deepEqual(
      rows.map((row) => [row.position, row.line]),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
    const first = rows[0]!.view;
    assert.equal(first.kind, 'chat');
    assert.deepEqual(
      first.kind === 'chat' && first.messages.map((m) => [m.role, m.parts[0]?.kind === 'text' ? m.parts[0].text : '']),
      [
        ['system', 'Be brief.'],
        ['user', 'q1'],
        ['assistant', 'a1'],
      ],
    );
    assert.ok(rows[0]!.tokens! > 0, 'tokens counted');
    assert.deepEqual(rows[0]!.problems, []);
    assert.ok(rows[1]!.problems.length > 0, 'the empty answer has a problem');
  });

  it('edits a message as one minimal change that Undo reverts, and the diagnostics follow', async () => {
    const { document, view } = await open('edit.jsonl', `${LINES.join('\n')}\n`);
    const info = await view.event('info', (i) => i.problemLines > 0);
    const { rows } = await view.request('rows', { start: 2, count: 1 });
    const row = rows[0]!;
    assert.ok(row.problems.length > 0);
    const answer = row.view.kind === 'chat' ? row.view.messages[2]! : assert.fail('a chat');
    const part = answer.parts[0];
    const textPath = part?.kind === 'text' ? part.path : [...answer.path, 'content'];

    await view.request('edit', {
      line: 2,
      version: info.version,
      edit: { kind: 'setText', path: textPath, text: 'a2 "fixed"\n' },
      pages: [{ start: 2, count: 1 }],
    });
    const edited = chat('q2', 'a2 "fixed"\n', 'Be brief.');
    assert.equal(document.lineAt(2).text, edited);
    assert.equal(document.getText(), `${[...LINES.slice(0, 2), edited, ...LINES.slice(3)].join('\n')}\n`);
    const after = await view.event('info', (i) => i.version > info.version && i.problemLines === 0);
    // The state after the view's own edit brings the page the view had fetched, already with the new problems.
    assert.deepEqual(
      after.pages?.map((page) => [page.start, page.rows.map((r) => [r.line, r.problems.length])]),
      [[2, [[2, 0]]]],
    );
    const refetched = await view.request('rows', { start: 2, count: 1 });
    assert.equal(refetched.version, after.version);
    assert.deepEqual(refetched.rows[0]!.problems, []);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), `${LINES.join('\n')}\n`);
    await view.event('info', (i) => i.version > after.version && i.problemLines > 0);
  });

  it('refuses an edit made against an older text, and shows edits made in the text editor', async () => {
    const { document, view } = await open('stale.jsonl', `${LINES.join('\n')}\n`);
    const before = await view.event('info', () => true);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(document.lineAt(0).range, chat('typed', 'in the text editor')));
    const changed = await view.event('info', (i) => i.version > before.version);
    await assert.rejects(
      view.request('edit', {
        line: 0,
        version: before.version,
        edit: { kind: 'setRole', message: ['messages', 0], role: 'user' },
      }),
      /changed since/,
    );
    const { rows } = await view.request('rows', { start: 0, count: 1 });
    const messages = rows[0]!.view.kind === 'chat' ? rows[0]!.view.messages : [];
    assert.deepEqual(
      messages.map((m) => (m.parts[0]?.kind === 'text' ? m.parts[0].text : '')),
      ['typed', 'in the text editor'],
    );
    assert.ok(changed.version > before.version);
  });

  it('filters to problems and to a search, and steps from problem to problem', async () => {
    const { view } = await open('filter.jsonl', `${LINES.join('\n')}\n`);
    await view.event('info', (i) => i.problemLines > 0);
    const everyRow = (await view.request('rows', { start: 0, count: 10 })).rows;
    const expected = everyRow.filter((row) => row.problems.length > 0).map((row) => row.line);
    assert.ok(expected.includes(2));
    const problems = await view.request('setFilter', { filter: { problems: 'any' } });
    const settled = problems.scanning ? await view.event('info', (i) => !i.scanning) : problems;
    assert.equal(settled.matches, expected.length);
    const withProblems = (await view.request('rows', { start: 0, count: 10 })).rows.map((row) => row.line);
    assert.deepEqual(withProblems, expected);

    const searched = await view.request('setFilter', { filter: { text: 'A5' } });
    const found = searched.scanning ? await view.event('info', (i) => !i.scanning && i.matches === 1) : searched;
    assert.equal(found.matches, 1);
    assert.deepEqual(
      (await view.request('rows', { start: 0, count: 5 })).rows.map((row) => row.line),
      [5],
    );
    assert.equal(await view.request('findLine', { line: 3 }), 0, 'line 5 is the first match at or after line 3');

    const missingSystem = await view.request('setFilter', { filter: { missingSystem: true } });
    const system = missingSystem.scanning ? await view.event('info', (i) => !i.scanning) : missingSystem;
    assert.equal(system.matches, 1);

    const bad = await view.request('setFilter', { filter: { text: '(', regex: true } });
    assert.match(bad.filterError ?? '', /regular expression/i);

    const all = await view.request('setFilter', { filter: {} });
    assert.equal(all.matches, 10);
    assert.equal(await view.request('nextProblem', { from: -1, direction: 1 }), expected[0]);
    assert.equal(await view.request('nextProblem', { from: expected[0]!, direction: 1 }), expected[1] ?? null);
    assert.equal(await view.request('nextProblem', { from: expected[0]!, direction: -1 }), null);
  });

  it('exports the matching examples to a new file, and never over the dataset itself', async () => {
    const dataset = vscode.Uri.file(path.join(folder, 'export.jsonl'));
    let picked = vscode.Uri.file(path.join(folder, 'export.filtered.jsonl'));
    const asked: string[] = [];
    const exportMatches = exportMatchesOf(dataset, (options) => {
      asked.push(options.title ?? '');
      return Promise.resolve(picked);
    });
    const content = `${LINES.join('\n')}\n`;
    const { view } = await open('export.jsonl', content, exportMatches);
    const filtered = await view.request('setFilter', { filter: { missingSystem: true } });
    const settled = filtered.scanning ? await view.event('info', (i) => !i.scanning) : filtered;
    assert.equal(settled.matches, 1);
    await view.request('exportMatches', { target: 'newFile' });
    assert.deepEqual(asked, ['Save the 1 matching example']);
    assert.equal(readFileSync(picked.fsPath, 'utf8'), `${LINES[5]}\n`);

    picked = dataset;
    await assert.rejects(view.request('exportMatches', { target: 'newFile' }), /export\.jsonl was not written/);
    assert.equal(readFileSync(dataset.fsPath, 'utf8'), content, 'the dataset is untouched');
  });

  it('duplicates and deletes examples as whole lines', async () => {
    const { document, view } = await open('lines.jsonl', `${LINES.slice(0, 3).join('\n')}`);
    let info = await view.event('info', () => true);
    await view.request('exampleAction', { line: 2, version: info.version, action: 'duplicate' });
    assert.equal(document.getText(), [...LINES.slice(0, 3), LINES[2]].join('\n'));
    info = await view.event('info', (i) => i.lineCount === 4);
    await view.request('exampleAction', { line: 0, version: info.version, action: 'delete' });
    assert.equal(document.getText(), [LINES[1], LINES[2], LINES[2]].join('\n'));
    info = await view.event('info', (i) => i.lineCount === 3);
    await view.request('exampleAction', { line: 2, version: info.version, action: 'delete' });
    assert.equal(document.getText(), [LINES[1], LINES[2]].join('\n'));
  });

  it('reveals an example appended to the file (a reply saved from the playground)', async () => {
    const { document, view } = await open('append.jsonl', `${LINES.slice(0, 3).join('\n')}\n`);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(3, 0), `${chat('saved', 'reply')}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const reveal = await view.event('reveal', (r) => r.line === 3);
    assert.equal(reveal.position, 3);
  });

  it('shows a file from disk read-only and refuses edits with the reason', async () => {
    const uri = file('large.jsonl', `${LINES.join('\r\n')}\r\n`);
    const source = new FileSource(uri, await indexLines(uri.fsPath));
    const view: View = new WebviewDriver();
    const session = new ConversationsSession(
      view.webview,
      source,
      'large.jsonl',
      undefined,
      () => Promise.resolve(),
      console,
    );
    disposables.push(session, source);
    view.ready();
    const info = await view.event('info', () => true);
    assert.equal(info.lineCount, 10);
    assert.match(info.readOnly ?? '', /read-only/);
    const { rows } = await view.request('rows', { start: 8, count: 5 });
    assert.deepEqual(
      rows.map((row) => row.line),
      [8, 9],
    );
    assert.equal(rows[1]!.view.kind, 'chat');
    await assert.rejects(
      view.request('edit', {
        line: 0,
        version: info.version,
        edit: { kind: 'deleteMessage', list: ['messages'], index: 0 },
      }),
      /read-only/,
    );
  });

  it('opens a .jsonl file in the Conversations editor from the command', async () => {
    const uri = file('command.jsonl', `${LINES.join('\n')}\n`);
    const tab = waitForTab('command.jsonl');
    await vscode.commands.executeCommand('fineTuneStudio.openConversations', uri);
    const input = (await tab).input;
    assert.ok(input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal(input.viewType, 'fineTuneStudio.conversations');
  });

  it('shows a large file not loaded yet from disk at once, then the editable view in its place', async () => {
    const line = (i: number) => chat(`q${i}`, `a${i} ${'x'.repeat(1_000)}`, 'Be brief.');
    const count = Math.ceil((LOAD_FIRST_BYTES + 1) / (line(0).length + 1)) + 10;
    const full = path.join(folder, 'loading.jsonl');
    writeFileSync(full, `${Array.from({ length: count }, (_, i) => line(i)).join('\n')}\n`);
    const viewsOfFile = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.label === 'loading.jsonl')
        .map((tab) => (tab.input instanceof vscode.TabInputCustom ? tab.input.viewType : 'not a custom editor'));
    const seen: string[] = [];
    const editable = new Promise<void>((resolve) => {
      const watching = vscode.window.tabGroups.onDidChangeTabs(() => {
        const views = viewsOfFile();
        for (const view of views) if (!seen.includes(view)) seen.push(view);
        if (views.length === 1 && views[0] === 'fineTuneStudio.conversations') {
          watching.dispose();
          resolve();
        }
      });
    });
    assert.equal(
      vscode.workspace.textDocuments.some((document) => document.uri.fsPath === full),
      false,
    );
    await vscode.commands.executeCommand('fineTuneStudio.openConversations', vscode.Uri.file(full));
    assert.deepEqual(viewsOfFile(), ['fineTuneStudio.conversationsLarge'], 'shown from disk first');
    // The document is loaded once the read-only view has painted its first screen; then the views change places.
    await editable;
    assert.deepEqual(seen, ['fineTuneStudio.conversationsLarge', 'fineTuneStudio.conversations']);
    assert.ok(vscode.workspace.textDocuments.some((document) => document.uri.fsPath === full));
  });

  it('opens a file over 50 MB in the read-only view from the command, without an editor document of it', async () => {
    // Just over the limit: the same ten examples repeated, each line padded inside its JSON so it stays valid.
    const line = (i: number) => chat(`q${i}`, `a${i} ${'x'.repeat(1_000)}`, 'Be brief.');
    const count = Math.ceil((LARGE_FILE_BYTES + 1) / (line(0).length + 1)) + 10;
    const full = path.join(folder, 'large.jsonl');
    writeFileSync(full, `${Array.from({ length: count }, (_, i) => line(i)).join('\n')}\n`);
    const tab = waitForTab('large.jsonl', 60_000);
    await vscode.commands.executeCommand('fineTuneStudio.openConversations', vscode.Uri.file(full));
    const input = (await tab).input;
    assert.ok(input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal(input.viewType, 'fineTuneStudio.conversationsLarge');
    assert.equal(
      vscode.workspace.textDocuments.some((document) => document.uri.fsPath === full),
      false,
      'no editor document was made of the file',
    );
  });
});
