import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConvertTaskResult } from '../../src/core/worker/taskProtocol';
import { activateExtension } from './harness';

const SYSTEM = 'You are a helpful support agent.';
// Conversation 1001 of examples/support-conversations.csv, turns 1 and 2.
const FIRST_EXAMPLE = JSON.stringify({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: "Hi, my parcel hasn't arrived yet." },
    { role: 'assistant', content: 'Sorry to hear that! Could you share your order number?' },
    { role: 'user', content: "It's ORD-55821." },
    { role: 'assistant', content: "Thanks. It's with the courier and due tomorrow before 6pm." },
  ],
});
const CSV_ANSWERS = {
  from: 'csv',
  userColumn: 'customer',
  assistantColumn: 'agent',
  idColumn: 'conversation_id',
  orderColumn: 'turn',
  system: SYSTEM,
};

const SINGLE_TURN =
  '{"messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]}';
const MULTI_TURN =
  '{"messages":[{"role":"user","content":"A?"},{"role":"assistant","content":"B."},{"role":"user","content":"C?"},{"role":"assistant","content":"D."}]}';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('conversion commands', () => {
  let folder: vscode.Uri;

  before(async () => {
    await activateExtension();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    folder = vscode.Uri.joinPath(root, `convert-test-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.copy(
      vscode.Uri.joinPath(root, 'support-conversations.csv'),
      vscode.Uri.joinPath(folder, 'support.csv'),
    );
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'chat.jsonl'),
      new TextEncoder().encode(`${SINGLE_TURN}\n${MULTI_TURN}\n`),
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('converts the support CSV into name.chat.jsonl, one example per conversation, and opens it', async () => {
    const input = vscode.Uri.joinPath(folder, 'support.csv');
    const output = vscode.Uri.joinPath(folder, 'support.chat.jsonl');

    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.convertToChat',
      input,
      { ...CSV_ANSWERS, replace: true },
    );

    assert.ok(report);
    assert.equal(report.read, 7);
    assert.equal(report.written, 5);
    assert.equal(report.skippedCount, 0);
    assert.equal(report.output, output.fsPath);
    const lines = (await readText(output)).split('\n');
    assert.equal(lines.length, 6, 'five lines, each ending in a newline');
    assert.equal(lines[0], FIRST_EXAMPLE);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, output.fsPath);
  });

  it('converts a Latin-1 CSV when the answers name its encoding, and writes nothing without it', async () => {
    const input = vscode.Uri.joinPath(folder, 'latin1.csv');
    const output = vscode.Uri.joinPath(folder, 'latin1.chat.jsonl');
    await vscode.workspace.fs.writeFile(input, Buffer.from('q,a\ncafé,très bien\n', 'latin1'));
    const answers = { from: 'csv', userColumn: 'q', assistantColumn: 'a', replace: true };

    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.convertToChat', input, answers), undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(output)));
    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.convertToChat',
      input,
      { ...answers, encoding: 'latin1' },
    );
    assert.equal(report?.written, 1);
    assert.equal(
      (await readText(output)).trimEnd(),
      JSON.stringify({
        messages: [
          { role: 'user', content: 'café' },
          { role: 'assistant', content: 'très bien' },
        ],
      }),
    );
  });

  it('converts TWCS with HTML entities decoded, and stops before writing past maxOutputMb', async () => {
    const input = vscode.Uri.joinPath(folder, 'twcs.csv');
    const output = vscode.Uri.joinPath(folder, 'twcs.chat.jsonl');
    const rows = [
      'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
      '1,c1,True,d,Q &amp; A &gt; all,,',
      '2,Co,False,d,It&#39;s fine,,1',
      '3,Co,False,d,Also fine,,1',
    ];
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(`${rows.join('\n')}\n`));
    const answers = { from: 'twcs', replace: true };

    const stopped = await vscode.commands.executeCommand('fineTuneStudio.convertToChat', input, {
      ...answers,
      maxOutputMb: 0.0001,
    });
    assert.equal(stopped, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(output)));

    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.convertToChat',
      input,
      answers,
    );
    assert.equal(report?.written, 2);
    const first = JSON.parse((await readText(output)).split('\n')[0]!) as { messages: { content: string }[] };
    assert.deepEqual(
      first.messages.map((message) => message.content),
      ['Q & A > all', "It's fine"],
    );
  });

  it('with answers, leaves an existing output alone unless replace is true', async () => {
    const input = vscode.Uri.joinPath(folder, 'support.csv');
    const output = vscode.Uri.joinPath(folder, 'support.chat.jsonl');
    await vscode.workspace.fs.writeFile(output, new TextEncoder().encode('old\n'));

    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.convertToChat', input, CSV_ANSWERS), undefined);
    assert.equal(await readText(output), 'old\n');
  });

  it('exports chat JSONL to ShareGPT as name.sharegpt.jsonl', async () => {
    const input = vscode.Uri.joinPath(folder, 'chat.jsonl');
    const output = vscode.Uri.joinPath(folder, 'chat.sharegpt.jsonl');

    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.exportAs',
      input,
      { to: 'sharegpt', replace: true },
    );

    assert.ok(report);
    assert.equal(report.read, 2);
    assert.equal(report.written, 2);
    assert.equal(report.output, output.fsPath);
    assert.equal(
      await readText(output),
      [
        '{"conversations":[{"from":"system","value":"Be kind."},{"from":"human","value":"Hi"},{"from":"gpt","value":"Hello!"}]}',
        '{"conversations":[{"from":"human","value":"A?"},{"from":"gpt","value":"B."},{"from":"human","value":"C?"},{"from":"gpt","value":"D."}]}',
        '',
      ].join('\n'),
    );
  });

  it('exports to Alpaca and reports multi-turn examples as skipped', async () => {
    const input = vscode.Uri.joinPath(folder, 'chat.jsonl');
    const output = vscode.Uri.joinPath(folder, 'chat.alpaca.jsonl');

    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.exportAs',
      input,
      { to: 'alpaca', replace: true },
    );

    assert.ok(report);
    assert.equal(report.written, 1);
    assert.equal(report.skippedCount, 1);
    assert.equal(report.skipped[0]?.line, 2);
    assert.equal(await readText(output), '{"instruction":"Hi","input":"","output":"Hello!","system":"Be kind."}\n');
  });

  it('exports to legacy prompt/completion with one pair per assistant turn and a header', async () => {
    const input = vscode.Uri.joinPath(folder, 'chat.jsonl');
    const output = vscode.Uri.joinPath(folder, 'chat.legacy.jsonl');

    const report = await vscode.commands.executeCommand<ConvertTaskResult | undefined>(
      'fineTuneStudio.exportAs',
      input,
      { to: 'legacy', perTurn: true, header: 'Summary: {system}', replace: true },
    );

    assert.ok(report);
    assert.equal(report.read, 2);
    assert.equal(report.written, 3);
    assert.equal(
      await readText(output),
      [
        '{"prompt":"Summary: Be kind.\\n\\n###\\n\\nCustomer: Hi\\nAgent:","completion":" Hello!\\n"}',
        '{"prompt":"Summary: \\n\\n###\\n\\nCustomer: A?\\nAgent:","completion":" B.\\n"}',
        '{"prompt":"Summary: \\n\\n###\\n\\nCustomer: A?\\nAgent: B.\\nCustomer: C?\\nAgent:","completion":" D.\\n"}',
        '',
      ].join('\n'),
    );
  });
});
