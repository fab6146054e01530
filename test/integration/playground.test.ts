import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { RequestContext, RequestHandlers } from '../../src/panels/webviewHost';
import type { PlaygroundRequests, ReplyChunk } from '../../src/protocol/playground';
import { activateExtension, waitForTab } from './harness';

const ID = 'it-playground-simulator';

const openPlayground = () =>
  vscode.commands.executeCommand<RequestHandlers<PlaygroundRequests>>('fineTuneStudio.openPlayground');

function context<Chunk>(): { chunks: Chunk[]; value: RequestContext<Chunk> } {
  const chunks: Chunk[] = [];
  return { chunks, value: { signal: new AbortController().signal, stream: (chunk) => chunks.push(chunk) } };
}

describe('playground', () => {
  let simulator: Simulator;

  before(async () => {
    await activateExtension();
    simulator = await startSimulator();
    await vscode.commands.executeCommand('fineTuneStudio.addConnection', {
      id: ID,
      kind: 'compatible',
      name: 'Playground simulator',
      baseUrl: simulator.url,
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await simulator.close();
  });

  it('opens one webview panel, revealed when opened again', async () => {
    const opened = waitForTab('Playground');
    const handlers = await openPlayground();
    assert.ok((await opened).input instanceof vscode.TabInputWebview);
    assert.equal(await openPlayground(), handlers, 'the same panel');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Playground');
    assert.equal(tabs.length, 1);
  });

  it('lists the models of the connection added to the simulator, fine-tuned first', async () => {
    const handlers = await openPlayground();
    const { value } = context<never>();
    const all = await handlers.listModels({ refresh: true }, value);
    const entry = all.find((connection) => connection.connectionId === ID);
    assert.ok(entry, `connections listed: ${all.map((c) => c.connectionId).join(', ')}`);
    assert.equal(entry.error, undefined);
    assert.ok(entry.models[0]?.startsWith('ft:'));
    assert.ok(entry.models.includes('sim-chat'));
  });

  it('streams a reply from the simulator through the host handler', async () => {
    const handlers = await openPlayground();
    const { chunks, value } = context<ReplyChunk>();
    const end = await handlers.chat(
      {
        connectionId: ID,
        model: 'sim-chat',
        systemPrompt: '',
        turns: [{ role: 'user', content: 'Hello from VS Code' }],
        parameters: { temperature: 0.5 },
      },
      value,
    );
    assert.deepEqual(end, { ended: 'done', finishReason: 'stop' });
    const deltas = chunks.flatMap((chunk) => (chunk.type === 'delta' ? [chunk.text] : []));
    assert.ok(deltas.length > 1, 'streamed in pieces');
    assert.equal(deltas.join(''), 'Simulated reply to: Hello from VS Code');
    assert.ok(chunks.some((chunk) => chunk.type === 'usage'));
    const body = simulator.requests.at(-1)?.body as { stream?: boolean; temperature?: number };
    assert.equal(body.stream, true);
    assert.equal(body.temperature, 0.5);
  });

  it('keeps streaming a reply while the panel is hidden behind another editor, and opens again', async () => {
    // Paced, so the reply is still arriving when the panel is covered.
    const paced = await startSimulator({ chunksPerSecond: 40 });
    const pacedId = `${ID}-paced`;
    await vscode.commands.executeCommand('fineTuneStudio.addConnection', {
      id: pacedId,
      kind: 'compatible',
      name: 'Paced simulator',
      baseUrl: paced.url,
    });
    try {
      const handlers = await openPlayground();
      const message = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
      const chunks: ReplyChunk[] = [];
      let covered: PromiseLike<unknown> | undefined;
      const end = await handlers.chat(
        {
          connectionId: pacedId,
          model: 'echo',
          systemPrompt: '',
          turns: [{ role: 'user', content: message }],
          parameters: {},
        },
        {
          signal: new AbortController().signal,
          stream: (chunk) => {
            chunks.push(chunk);
            // An editor opened over the panel in its group hides it.
            covered ??= vscode.workspace
              .openTextDocument({ content: 'covers the playground' })
              .then((document) => vscode.window.showTextDocument(document, { preview: false }));
          },
        },
      );
      await covered;
      assert.deepEqual(end, { ended: 'done', finishReason: 'stop' });
      const text = chunks.flatMap((chunk) => (chunk.type === 'delta' ? [chunk.text] : [])).join('');
      assert.equal(text, message);
      assert.equal(await openPlayground(), handlers, 'the same panel, shown again');
    } finally {
      await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: pacedId, confirm: true });
      await paced.close();
    }
  });
});
