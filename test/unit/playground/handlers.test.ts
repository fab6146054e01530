import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { emptyQuirks, type Connection, type ReplyRequest, type ServerQuirks } from '../../../src/core/connections';
import type { RequestContext } from '../../../src/panels/webviewHost';
import { ModelCatalog } from '../../../src/playground/modelCatalog';
import { orderModels } from '../../../src/playground/modelOrder';
import { playgroundHandlers, type ChatBackend } from '../../../src/playground/playgroundHandlers';
import {
  isModelPair,
  playgroundProtocol,
  type ChatParams,
  type ReplyChunk,
  type SaveExampleParams,
} from '../../../src/protocol/playground';

const KEY = 'sk-unit-playground-7d1e4b2a9c';

function client(simulator: Simulator, apiKey = KEY): OpenAI {
  return new OpenAI({ baseURL: simulator.url, apiKey, maxRetries: 0 });
}

function params(model: string, content = 'hello there', extra: Partial<ChatParams> = {}): ChatParams {
  return {
    connectionId: 'sim',
    model,
    systemPrompt: '',
    turns: [{ role: 'user', content }],
    parameters: {
      temperature: undefined,
      topP: undefined,
      maxTokens: undefined,
      stop: undefined,
      seed: undefined,
      presencePenalty: undefined,
      frequencyPenalty: undefined,
    },
    ...extra,
  };
}

/** A request context like the WebviewHost's: records the chunks, and `onChunk` runs after each. */
function context(signal = new AbortController().signal, onChunk?: (chunk: ReplyChunk) => void) {
  const chunks: ReplyChunk[] = [];
  const value: RequestContext<ReplyChunk> = {
    signal,
    stream: (chunk) => {
      chunks.push(chunk);
      onChunk?.(chunk);
    },
  };
  return { chunks, value };
}

describe('playground host handlers (against the simulator)', () => {
  let simulator: Simulator;
  let quirks: ServerQuirks;
  let saved: number;
  let apiKey: string;
  /** What View code and Save to dataset were asked to do. */
  let shownCode: { request: ReplyRequest; connection: Connection }[];
  let savedExamples: SaveExampleParams[];

  const backend: ChatBackend = {
    clientFor: () => Promise.resolve(client(simulator, apiKey)),
    quirksFor: () => quirks,
    saveQuirks: () => {
      saved++;
      return Promise.resolve();
    },
    setStreaming: (_id, model, streaming) => {
      quirks.nonStreamingModels = streaming ? [] : [model];
      return Promise.resolve();
    },
    connection: (id) => connections.find((c) => c.id === id),
  };
  const connections: Connection[] = [{ id: 'sim', name: 'Simulator', kind: 'compatible', baseUrl: '' }];
  const catalog = () =>
    new ModelCatalog({
      list: () => connections,
      clientFor: (id) => backend.clientFor(id),
      nonStreaming: () => quirks.nonStreamingModels,
    });
  const handlers = (stallTimeoutMs?: number) =>
    playgroundHandlers({
      backend,
      catalog: catalog(),
      links: { confirm: () => Promise.resolve(false), open: () => Promise.resolve(true) },
      examples: {
        save: (example) => {
          savedExamples.push(example);
          return Promise.resolve({ saved: true, fileName: 'train.jsonl', line: 3 });
        },
      },
      viewCode: (input) => {
        shownCode.push(input);
        return Promise.resolve();
      },
      ...(stallTimeoutMs === undefined ? {} : { stallTimeoutMs }),
    });

  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
    connections[0]!.baseUrl = simulator.url;
  });
  after(() => simulator.close());
  beforeEach(() => {
    quirks = emptyQuirks();
    saved = 0;
    apiKey = KEY;
    shownCode = [];
    savedExamples = [];
  });

  it('streams a reply as deltas and usage, and ends with its finish reason', async () => {
    const { chunks, value } = context();
    const end = await handlers().chat(params('sim-chat'), value);
    assert.deepEqual(end, { ended: 'done', finishReason: 'stop' });
    const text = chunks.flatMap((c) => (c.type === 'delta' ? [c.text] : [])).join('');
    assert.equal(text, 'Simulated reply to: hello there');
    assert.ok(chunks.filter((c) => c.type === 'delta').length > 1, 'the reply arrives in pieces');
    assert.deepEqual(chunks.at(-1), { type: 'usage', promptTokens: 2, completionTokens: 5, totalTokens: 7 });
  });

  it('sends the system prompt and the parameters that are set, and only those', async () => {
    const { value } = context();
    const request = params('sim-chat', 'q', { systemPrompt: 'Be brief' });
    request.parameters.temperature = 0.2;
    request.parameters.stop = ['END'];
    await handlers().chat(request, value);
    const body = simulator.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'q' },
    ]);
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.stop, ['END']);
    assert.ok(!('seed' in body) && !('top_p' in body));
  });

  it('ends as aborted when the signal aborts mid-stream (Stop, or the panel closing)', async () => {
    const controller = new AbortController();
    const { value } = context(controller.signal, (chunk) => {
      if (chunk.type === 'delta') controller.abort();
    });
    assert.deepEqual(await handlers().chat(params('fault-stall'), value), { ended: 'aborted' });
  });

  it('ends a stalled stream with the stall, after the text that came', async () => {
    const { chunks, value } = context();
    const end = await handlers(100).chat(params('fault-stall'), value);
    assert.deepEqual(end, { ended: 'stalled', afterMs: 100 });
    assert.ok(chunks.some((c) => c.type === 'delta'));
  });

  it('marks a stream that the server dropped as failed with a clear message', async () => {
    const { value } = context();
    await assert.rejects(
      async () => handlers().chat(params('fault-drop'), value),
      /closed before the reply was complete/,
    );
  });

  it('fails with describeError’s message and never the key', async () => {
    apiKey = 'sk-wrong-key-5b9e2f0c1a';
    const { value } = context();
    await assert.rejects(
      async () => handlers().chat(params('sim-chat'), value),
      (error: Error) => {
        assert.match(error.message, /key/i);
        assert.ok(!error.message.includes(apiKey) && !error.message.includes(KEY));
        return true;
      },
    );
  });

  it('drops a parameter the server rejects, says so in a notice and saves the quirks', async () => {
    const { chunks, value } = context();
    const request = params('fault-no-seed');
    request.parameters.seed = 7;
    const end = await handlers().chat(request, value);
    assert.equal(end.ended, 'done');
    assert.ok(chunks.some((c) => c.type === 'notice' && c.text.includes('seed')));
    assert.deepEqual(quirks.omittedParameters, ['seed']);
    assert.equal(saved, 1);
  });

  it('in completion mode rebuilds the chat into the template and sends it to the completions endpoint', async () => {
    const { chunks, value } = context();
    const request = params('sim-completion', 'q2', {
      turns: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'q2' },
      ],
      completion: { template: 'Human:{question}\nAI:' },
    });
    const end = await handlers().chat(request, value);
    assert.equal(end.ended, 'done');
    const sent = simulator.requests.at(-1);
    assert.equal(sent?.path, '/v1/completions');
    const body = sent?.body as Record<string, unknown>;
    assert.equal(body.prompt, 'Human:q1\nAI:a1\nHuman:q2\nAI:');
    // The legacy defaults fill what the column left unset.
    assert.deepEqual([body.temperature, body.top_p, body.max_tokens, body.stop], [0.9, 1, 150, ['\nHuman']]);
    assert.ok(chunks.some((c) => c.type === 'delta'));
  });

  it('fetches the reply whole for a model switched to non-streaming, and lists the switch with the models', async () => {
    const { chunks, value } = context();
    await handlers().setStreaming({ connectionId: 'sim', model: 'sim-chat', streaming: false }, value);
    const [listed] = await handlers().listModels({}, value);
    assert.deepEqual(listed?.nonStreaming, ['sim-chat']);
    await handlers().chat(params('sim-chat'), value);
    const body = simulator.requests.at(-1)?.body as Record<string, unknown>;
    assert.ok(body.stream !== true, 'sent without streaming');
    const text = chunks.flatMap((c) => (c.type === 'delta' ? [c.text] : [])).join('');
    assert.equal(text, 'Simulated reply to: hello there');
  });

  it('View code gets the column’s exact request and its connection; a removed connection is an error', async () => {
    const { value } = context();
    const request = params('sim-chat', 'q', { systemPrompt: 'S' });
    request.parameters.seed = 4;
    await handlers().viewCode(request, value);
    assert.equal(shownCode.length, 1);
    assert.equal(shownCode[0]?.connection.id, 'sim');
    assert.deepEqual(shownCode[0]?.request, {
      mode: 'chat',
      params: {
        model: 'sim-chat',
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'q' },
        ],
        seed: 4,
      },
    });
    await assert.rejects(async () => handlers().viewCode({ ...request, connectionId: 'gone' }, value), /no longer/);
    // A parameter the server rejected before is not in the code either.
    quirks.omittedParameters = ['seed'];
    await handlers().viewCode(request, value);
    assert.ok(!('seed' in (shownCode[1]?.request.params ?? {})));
  });

  it('Save to dataset hands the example to the saver and answers with where it went', async () => {
    const { value } = context();
    const example: SaveExampleParams = {
      kind: 'preference',
      systemPrompt: '',
      turns: [{ role: 'user', content: 'q' }],
      preferred: 'good',
      nonPreferred: 'bad',
    };
    assert.deepEqual(await handlers().saveExample(example, value), { saved: true, fileName: 'train.jsonl', line: 3 });
    assert.deepEqual(savedExamples, [example]);
  });

  it('lists every connection’s models, fine-tuned first, and says why a connection cannot be listed', async () => {
    const { value } = context();
    const [listed] = await handlers().listModels({}, value);
    assert.equal(listed?.connectionName, 'Simulator');
    assert.ok(listed?.models[0]?.startsWith('ft:'));
    assert.ok(listed?.models.includes('sim-chat'));
    assert.equal(listed?.error, undefined);

    apiKey = 'sk-wrong-key-5b9e2f0c1a';
    const [failed] = await handlers().listModels({}, value);
    assert.deepEqual(failed?.models, []);
    assert.ok(failed?.error !== undefined && failed.error.includes('/models') && !failed.error.includes(apiKey));
  });

  it('caches each connection’s models until cleared or refreshed', async () => {
    const cached = catalog();
    const listings = () => simulator.requests.filter((r) => r.path === '/v1/models').length;
    const before = listings();
    await cached.all();
    await cached.all();
    assert.equal(listings(), before + 1);
    await cached.all({ refresh: true });
    assert.equal(listings(), before + 2);
    cached.clear();
    await cached.all();
    assert.equal(listings(), before + 3);
  });
});

describe('playground model catalog', () => {
  /** A client whose model list is fixed (listModels only iterates client.models.list()). */
  const listing = (ids: string[]) =>
    ({
      models: {
        list: function* () {
          for (const id of ids) yield { id, object: 'model', created: 0, owned_by: 'x' };
        },
      },
    }) as unknown as OpenAI;

  it('names the published shutdown of OpenAI’s models and their fine-tunes, and of no compatible server’s', async () => {
    const ids = ['gpt-4o-mini-2024-07-18', 'ft:gpt-4o-mini-2024-07-18:acme::abc', 'gpt-5-mini'];
    const connections: Connection[] = [
      { id: 'o', name: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1' },
      { id: 'c', name: 'Local', kind: 'compatible', baseUrl: 'http://localhost:1234/v1' },
    ];
    const catalog = new ModelCatalog({
      list: () => connections,
      clientFor: () => Promise.resolve(listing(ids)),
      nonStreaming: () => [],
    });
    const [openai, local] = await catalog.all();
    assert.match(openai?.shutdowns['gpt-4o-mini-2024-07-18'] ?? '', /shut down .*2027-01-14/);
    assert.match(openai?.shutdowns['ft:gpt-4o-mini-2024-07-18:acme::abc'] ?? '', /fine-tune .*2027-01-14/);
    assert.equal(openai?.shutdowns['gpt-5-mini'], undefined);
    assert.deepEqual(local?.shutdowns, {});
  });
});

describe('playground model order', () => {
  it('puts fine-tuned ids first, each group sorted, without repeats', () => {
    assert.deepEqual(orderModels(['b', 'ft:z', 'a', 'ft:a', 'b']), ['ft:a', 'ft:z', 'a', 'b']);
  });
});

describe('playground protocol guards', () => {
  const chat = playgroundProtocol.requests.chat;
  it('accepts a chat request as the webview builds it (also through JSON, which drops undefined fields)', () => {
    assert.ok(chat(params('sim-chat')));
    assert.ok(chat(JSON.parse(JSON.stringify(params('sim-chat')))));
  });
  it('rejects malformed chat requests', () => {
    const bad: unknown[] = [
      null,
      { ...params('m'), apiKey: 'x' },
      { ...params('m'), turns: [{ role: 'system', content: 'x' }] },
      { ...params('m'), parameters: { temperature: 'hot' } },
      { ...params('m'), parameters: { stop: ['a', 'b', 'c', 'd', 'e'] } },
      { ...params('m'), parameters: { maxTokens: -1 } },
      { ...params('m'), model: 3 },
    ];
    for (const value of bad) assert.ok(!chat(value), JSON.stringify(value));
  });
  it('accepts listModels with or without refresh, and openLink with web URLs only', () => {
    assert.ok(playgroundProtocol.requests.listModels({}));
    assert.ok(playgroundProtocol.requests.listModels({ refresh: true }));
    assert.ok(!playgroundProtocol.requests.listModels({ refresh: 'yes' }));
    assert.ok(playgroundProtocol.requests.openLink({ url: 'https://example.com/' }));
    assert.ok(!playgroundProtocol.requests.openLink({ url: 'javascript:alert(1)' }));
  });
  it('accepts completion settings on chat and View code requests, and nothing else there', () => {
    const completion = { ...params('m'), completion: { template: 'Human:{question}\nAI:' } };
    assert.ok(chat(completion) && playgroundProtocol.requests.viewCode(completion));
    assert.ok(!chat({ ...params('m'), completion: { template: 1 } }));
    assert.ok(!chat({ ...params('m'), completion: { template: 'x', prompt: 'y' } }));
  });
  it('accepts the two kinds of saved example and rejects anything else', () => {
    const save = playgroundProtocol.requests.saveExample;
    const turns = [{ role: 'user', content: 'q' }];
    assert.ok(save({ kind: 'chat', systemPrompt: '', turns: [...turns, { role: 'assistant', content: 'a' }] }));
    assert.ok(save({ kind: 'preference', systemPrompt: 's', turns, preferred: 'a', nonPreferred: 'b' }));
    const bad: unknown[] = [
      { kind: 'chat', systemPrompt: '', turns, preferred: 'a' },
      { kind: 'preference', systemPrompt: '', turns, preferred: 'a' },
      { kind: 'rft', systemPrompt: '', turns },
      { kind: 'chat', systemPrompt: '', turns, path: '/etc/passwd' },
      { kind: 'chat', turns },
    ];
    for (const value of bad) assert.ok(!save(value), JSON.stringify(value));
  });
  it('accepts the streaming switch with a boolean only', () => {
    const set = playgroundProtocol.requests.setStreaming;
    assert.ok(set({ connectionId: 'c', model: 'm', streaming: false }));
    assert.ok(!set({ connectionId: 'c', model: 'm', streaming: 'no' }));
    assert.ok(!set({ connectionId: 'c', model: 'm' }));
  });
  it('checks the model pair another feature opens the playground with', () => {
    assert.ok(isModelPair({ connectionId: 'c', base: 'sim-chat', fineTuned: 'ft:sim-chat:x::1' }));
    assert.ok(!isModelPair({ connectionId: 'c', base: 'sim-chat' }));
    assert.ok(!isModelPair({ connectionId: 'c', base: 'sim-chat', fineTuned: 'f', extra: 1 }));
    assert.ok(!isModelPair('ft:x'));
  });
});
