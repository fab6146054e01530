import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResultRecord } from '../../src/core/batch/batchTypes';
import { serializeResult } from '../../src/core/batch/resultsFile';
import { validateText } from '../../src/core/validation/validateText';
import type { TargetPickers } from '../../src/evaluation/targetPickers';
import type { RequestContext, RequestHandlers } from '../../src/panels/webviewHost';
import type { EvaluationRequests } from '../../src/protocol/evaluation';
import { activateExtension, examplesFolder, waitForDiagnostics, waitForTab } from './harness';

function context<Chunk>(): RequestContext<Chunk> {
  return { signal: new AbortController().signal, stream: () => undefined };
}

function record(index: number, label: string, text: string): ResultRecord {
  return {
    v: 1,
    prompt: {
      index,
      source: `line ${index + 1}`,
      key: `key${String(index).padStart(13, '0')}`,
      turns: [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: `How do I reset password ${index}?` },
      ],
      reference: `Use the reset link ${index}.`,
    },
    model: { label, connection: 'sim', model: label, parameters: { temperature: 0 } },
    request: { model: label },
    response: { text, finishReason: 'stop', usage: { promptTokens: 20, completionTokens: 8, totalTokens: 28 } },
    latencyMs: 50 + index,
    finishedAt: '2026-12-06T10:00:00.000Z',
  };
}

describe('evaluation view', () => {
  let folder: string;
  let results: vscode.Uri;
  const targets: string[] = [];
  const pickers: TargetPickers = {
    pickExampleTarget: () => Promise.resolve(targets.shift()),
    pickDistilTarget: () => Promise.resolve(targets.shift()),
  };

  before(async () => {
    await activateExtension();
    folder = path.join(examplesFolder(), `evaluation-test-${Date.now()}`);
    mkdirSync(folder);
    const records: ResultRecord[] = [];
    for (let i = 0; i < 12; i++) {
      records.push(record(i, 'base', `Try turning it off and on ${i}.`));
      records.push(record(i, 'tuned', `Use the reset link ${i}.`));
    }
    results = vscode.Uri.file(path.join(folder, 'run.results.jsonl'));
    writeFileSync(results.fsPath, records.map((r) => `${serializeResult(r)}\n`).join(''));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens a panel over a results file, serves rows, records votes, saves a preference pair and distils', async () => {
    const opened = waitForTab('Evaluation: run.results.jsonl');
    const handlers = await vscode.commands.executeCommand<RequestHandlers<EvaluationRequests> | undefined>(
      'fineTuneStudio.openEvaluation',
      results,
      { pickers },
    );
    await opened;
    assert.ok(handlers, 'the command resolves with the panel handlers');

    const first = await handlers.info({}, context());
    assert.equal(first.rowCount, 12);
    assert.deepEqual(first.models, ['base', 'tuned']);
    // The metrics are computed after the rows can be shown.
    let info = first;
    for (let tries = 0; info.summaries === undefined && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      info = await handlers.info({}, context());
    }
    assert.deepEqual(
      info.summaries?.map((s) => [s.label, s.answered, s.exactMatchRate]),
      [
        ['base', 12, 0],
        ['tuned', 12, 1],
      ],
    );

    const rows = await handlers.rows({ start: 10, count: 5 }, context());
    assert.deepEqual(
      rows.map((row) => [row.position, row.answers.map((answer) => answer?.text)]),
      [
        [10, ['Try turning it off and on 10.', 'Use the reset link 10.']],
        [11, ['Try turning it off and on 11.', 'Use the reset link 11.']],
      ],
    );

    const item = await handlers.reviewNext({ a: 0, b: 1, from: -1 }, context());
    assert.ok(item);
    const tunedShownAs = item.answers[0].startsWith('Use the reset link') ? '1' : '2';
    const vote = await handlers.vote({ token: item.token, choice: tunedShownAs }, context());
    assert.equal(vote.revealed[Number(tunedShownAs) - 1], 'tuned');
    assert.deepEqual(
      vote.standings.records.map((r) => [r.label, r.wins, r.losses]),
      [
        ['base', 0, 1],
        ['tuned', 1, 0],
      ],
    );
    const votes = readFileSync(path.join(folder, 'run.results.votes.jsonl'), 'utf8').trim().split('\n');
    assert.equal(votes.length, 1);
    assert.equal((JSON.parse(votes[0]!) as { outcome: string }).outcome, 'b');

    const preferences = path.join(folder, 'preferences.jsonl');
    targets.push(preferences);
    assert.deepEqual(await handlers.savePreference({ position: item.position, preferred: 1, rejected: 0 }, context()), {
      saved: true,
      fileName: 'preferences.jsonl',
      line: 1,
    });
    assert.deepEqual(JSON.parse(readFileSync(preferences, 'utf8')), {
      input: {
        messages: [
          { role: 'system', content: 'You are a support agent.' },
          { role: 'user', content: `How do I reset password ${item.position}?` },
        ],
      },
      preferred_output: [{ role: 'assistant', content: `Use the reset link ${item.position}.` }],
      non_preferred_output: [{ role: 'assistant', content: `Try turning it off and on ${item.position}.` }],
    });

    const distilled = path.join(folder, 'tuned.distilled.jsonl');
    targets.push(distilled);
    assert.deepEqual(await handlers.distil({ model: 1 }, context()), {
      saved: true,
      fileName: 'tuned.distilled.jsonl',
      lines: 12,
      left: 0,
    });
    const validation = validateText(readFileSync(distilled, 'utf8'));
    assert.equal(validation.format, 'chat');
    assert.deepEqual(
      validation.problems.filter((p) => p.severity === 'error').map((p) => p.code),
      [],
    );
  });

  it('does not validate a results file as a dataset', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(results));
    // A dataset opened after it is validated after it: once its problems are in, the results file's would be too.
    const broken = vscode.Uri.file(path.join(folder, 'broken.jsonl'));
    writeFileSync(broken.fsPath, '{"messages": [{"role": "user"}]}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
    await waitForDiagnostics(broken, (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(vscode.languages.getDiagnostics(results), []);
  });

  it('reveals the same panel when the same file is opened again', async () => {
    const again = await vscode.commands.executeCommand<RequestHandlers<EvaluationRequests> | undefined>(
      'fineTuneStudio.openEvaluation',
      results,
    );
    assert.ok(again);
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.label === 'Evaluation: run.results.jsonl');
    assert.equal(tabs.length, 1);
  });

  it('saves a chat example into an open document with unsaved changes, leaving the disk alone, and Undo removes it', async () => {
    const chatLine = (text: string) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `Question ${text}?` },
          { role: 'assistant', content: `Answer ${text}.` },
        ],
      });
    const onDisk = `${chatLine('a')}\n${chatLine('b')}\n`;
    const target = vscode.Uri.file(path.join(folder, 'chosen-open.jsonl'));
    writeFileSync(target.fsPath, onDisk);
    const editor = await vscode.window.showTextDocument(target);
    const unsaved = `${chatLine('unsaved')}\n`;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, new vscode.Position(0, 0), unsaved);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(editor.document.isDirty, true);

    const handlers = await vscode.commands.executeCommand<RequestHandlers<EvaluationRequests> | undefined>(
      'fineTuneStudio.openEvaluation',
      results,
      { pickers },
    );
    assert.ok(handlers);
    targets.push(target.fsPath);
    assert.deepEqual(await handlers.saveChat({ position: 0, model: 1 }, context()), {
      saved: true,
      fileName: 'chosen-open.jsonl',
      line: 4,
    });
    const saved = JSON.stringify({
      messages: [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: 'How do I reset password 0?' },
        { role: 'assistant', content: 'Use the reset link 0.' },
      ],
    });
    assert.equal(editor.document.getText(), `${unsaved}${onDisk}${saved}\n`);
    assert.equal(editor.document.isDirty, true, 'the unsaved edit stays unsaved');
    assert.equal(readFileSync(target.fsPath, 'utf8'), onDisk, 'the file on disk is untouched');

    // The panel goes first: a webview still loading may take the focus back from the editor that Undo acts on.
    const panels = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview);
    await vscode.window.tabGroups.close(panels);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), `${unsaved}${onDisk}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
  });
});
