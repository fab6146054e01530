import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { buildChatRequest, buildCompletionRequest } from '../../../src/core/connections/buildRequest';
import type { Connection } from '../../../src/core/connections/connection';
import { createClient, type ClientOptions, type Credentials } from '../../../src/core/connections/createClient';
import { redactSecrets } from '../../../src/core/connections/redactSecrets';
import { emptyQuirks, type ServerQuirks } from '../../../src/core/connections/serverQuirks';
import { ReplyError, streamReply, type ReplyEvent, type ReplyRequest } from '../../../src/core/connections/streamReply';
import { listModels, testConnection } from '../../../src/core/connections/testConnection';

const KEY = 'sim-secret-key-0123456789';

describe('connections: against the simulator', () => {
  let simulator: Simulator;
  let connection: Connection;
  before(async () => {
    simulator = await startSimulator({ apiKey: KEY });
    connection = { id: 'sim', name: 'Simulator', kind: 'compatible', baseUrl: simulator.url };
  });
  after(async () => {
    await simulator.close();
  });

  const client = (credentials: Credentials = { apiKey: KEY }, options: ClientOptions = {}) =>
    createClient(connection, credentials, options);
  const chat = (model: string, question: string, parameters = {}): ReplyRequest => ({
    mode: 'chat',
    params: buildChatRequest({ model, turns: [{ role: 'user', content: question }], parameters }),
  });
  const collect = async (events: AsyncIterable<ReplyEvent>) => {
    const all: ReplyEvent[] = [];
    for await (const event of events) all.push(event);
    return all;
  };
  const textOf = (events: readonly ReplyEvent[]) =>
    events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
  const requestsFor = (model: string) =>
    simulator.requests.filter((request) => (request.body as { model?: unknown } | undefined)?.model === model);
  const failure = async (events: AsyncIterable<ReplyEvent>): Promise<ReplyError> => {
    try {
      await collect(events);
    } catch (error) {
      assert.ok(error instanceof ReplyError, String(error));
      return error;
    }
    assert.fail('expected the reply to fail');
  };

  it('lists the models through the SDK’s pagination', async () => {
    const ids = (await listModels(client())).map((model) => model.id);
    for (const id of ['sim-chat', 'ft:sim-chat:studio::sim001', 'sim-judge', 'sim-completion', 'echo'])
      assert.ok(ids.includes(id), id);
    assert.deepEqual(ids, [...ids].sort());
  });

  it('tests a connection: the models and the exact URL', async () => {
    const result = await testConnection(connection, { apiKey: KEY });
    assert.ok(result.ok);
    assert.equal(result.url, `${simulator.url}/models`);
    assert.ok(result.models.some((model) => model.id === 'echo'));
  });

  it('chat, streamed: the text assembled from deltas, usage, and the finish reason', async () => {
    const events = await collect(streamReply(client(), chat('sim-chat', 'Hello there')));
    assert.equal(textOf(events), 'Simulated reply to: Hello there');
    assert.ok(events.filter((event) => event.type === 'delta').length > 1, 'more than one delta');
    const usage = events.find((event) => event.type === 'usage');
    assert.deepEqual(usage, { type: 'usage', promptTokens: 2, completionTokens: 5, totalTokens: 7 });
    assert.deepEqual(events.at(-1), { type: 'done', finishReason: 'stop' });
    const sent = requestsFor('sim-chat').at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(sent.stream_options, { include_usage: true });
    assert.equal(sent.stream, true);
  });

  it('chat, whole (the per-model switch for models that cannot stream)', async () => {
    const quirks: ServerQuirks = { omittedParameters: [], nonStreamingModels: ['ft:sim-chat:studio::sim001'] };
    const events = await collect(
      streamReply(client(), chat('ft:sim-chat:studio::sim001', 'Hi', { maxTokens: 3 }), { quirks }),
    );
    assert.deepEqual(events, [
      { type: 'delta', text: '[fine-tuned] Simulated reply' },
      { type: 'usage', promptTokens: 1, completionTokens: 3, totalTokens: 4 },
      { type: 'done', finishReason: 'length' },
    ]);
    const sent = requestsFor('ft:sim-chat:studio::sim001').at(-1)!.body as Record<string, unknown>;
    assert.equal(sent.stream, false);
    assert.equal('stream_options' in sent, false);
  });

  it('completion mode: the template prompt to the completions endpoint, streamed and whole', async () => {
    const request: ReplyRequest = {
      mode: 'completion',
      params: buildCompletionRequest({
        model: 'sim-completion',
        turns: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: ' Hello.' },
          { role: 'user', content: 'How are you?' },
        ],
      }),
    };
    const streamed = await collect(streamReply(client(), request));
    const whole = await collect(streamReply(client(), request, { stream: false }));
    const expected = ' Simulated completion of: Human:Hi AI: Hello. Human:How are you? AI:';
    assert.equal(textOf(streamed), expected);
    assert.equal(textOf(whole), expected);
    assert.deepEqual(streamed.at(-1), { type: 'done', finishReason: 'stop' });
    const sent = simulator.requests.filter((r) => r.path === '/v1/completions').at(-1)!.body as Record<string, unknown>;
    assert.equal(sent.prompt, 'Human:Hi\nAI: Hello.\nHuman:How are you?\nAI:');
    assert.deepEqual(sent.stop, ['\nHuman']);
  });

  it('stops mid-stream when the caller aborts', async () => {
    const controller = new AbortController();
    const events: ReplyEvent[] = [];
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    for await (const event of streamReply(client(), chat('echo', long), { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'delta') controller.abort();
    }
    assert.deepEqual(events.at(-1), { type: 'aborted' });
    assert.ok(textOf(events).length < long.length);
  });

  it('an aborted signal sends nothing', async () => {
    const before = simulator.requests.length;
    const events = await collect(streamReply(client(), chat('sim-chat', 'x'), { signal: AbortSignal.abort() }));
    assert.deepEqual(events, [{ type: 'aborted' }]);
    assert.equal(simulator.requests.length, before);
  });

  it('ends a stalled stream with a stalled event', async () => {
    const events = await collect(streamReply(client(), chat('fault-stall', 'Hello there'), { stallTimeoutMs: 300 }));
    assert.equal(textOf(events), 'Simulated');
    assert.deepEqual(events.at(-1), { type: 'stalled', afterMs: 300 });
  });

  it('a reply fetched whole that never comes ends as stalled too', async () => {
    const events = await collect(
      streamReply(client(), chat('fault-stall', 'Hello'), { stallTimeoutMs: 200, stream: false }),
    );
    assert.deepEqual(events, [{ type: 'stalled', afterMs: 200 }]);
  });

  it('a stream dropped mid-reply keeps its text and fails with the URL', async () => {
    const events: ReplyEvent[] = [];
    const error = await failure(
      (async function* () {
        for await (const event of streamReply(client(), chat('fault-drop', 'one two three four'))) {
          events.push(event);
          yield event;
        }
      })(),
    );
    assert.equal(textOf(events), 'Simulated reply');
    const expected = `The connection to ${simulator.url}/chat/completions closed before the reply was complete`;
    assert.ok(error.message.startsWith(expected), error.message);
  });

  it('401: the key was rejected, set a new one', async () => {
    const error = await failure(streamReply(client({ apiKey: 'sim-wrong-key-999999' }), chat('sim-chat', 'x')));
    assert.equal(error.status, 401);
    assert.match(error.message, /key was rejected.*set a new one/);
    assert.ok(!error.message.includes('sim-wrong-key-999999'));
  });

  it('429 insufficient_quota: said so, and sent once (not retried)', async () => {
    const error = await failure(streamReply(client(), chat('fault-quota', 'x')));
    assert.equal(error.status, 429);
    assert.match(error.message, /quota is exhausted.*not retried/);
    assert.equal(requestsFor('fault-quota').length, 1);
  });

  it('429 rate limit: retried by the SDK (twice), then explained', async () => {
    const error = await failure(streamReply(client(), chat('fault-429', 'x')));
    assert.match(error.message, /Rate limited/);
    assert.equal(requestsFor('fault-429').length, 3);
  });

  it('500: the status and URL', async () => {
    const error = await failure(streamReply(client(undefined, { maxRetries: 0 }), chat('fault-500', 'x')));
    assert.equal(error.status, 500);
    assert.ok(error.message.startsWith(`The server failed (500) at ${simulator.url}/chat/completions`), error.message);
  });

  it('404: a base URL without /v1 is named, with the /v1 hint', async () => {
    const origin = simulator.url.replace(/\/v1$/, '');
    const result = await testConnection({ ...connection, baseUrl: `${origin}/api` }, { apiKey: KEY });
    assert.ok(!result.ok);
    assert.equal(result.status, 404);
    assert.equal(result.url, `${origin}/api/models`);
    assert.ok(result.message.includes(`${origin}/api/models`), result.message);
    assert.match(result.message, /end in \/v1/);
  });

  it('Azure: the URL in a message is the exact URL the request went to (deployment path, api-version)', async () => {
    const origin = simulator.url.replace(/\/v1$/, '');
    const azure: Connection = {
      id: 'az',
      name: 'Azure',
      kind: 'azure',
      baseUrl: origin,
      azure: { apiVersion: '2024-10-21' },
    };
    const before = simulator.requests.length;
    const error = await failure(streamReply(createClient(azure, { apiKey: KEY }), chat('gpt4o', 'x')));
    const sent = simulator.requests.slice(before);
    assert.deepEqual(
      sent.map((request) => request.path),
      ['/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21'],
    );
    assert.equal(error.url, `${origin}${sent[0]!.path}`);
    assert.equal(error.status, 404);
    assert.equal(sent[0]!.headers['api-key'], KEY);
  });

  it('connection refused: names the URL and VS Code’s http.proxy setting', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/v1`;
    const result = await testConnection({ ...connection, baseUrl: url }, { apiKey: KEY }, { maxRetries: 0 });
    assert.ok(!result.ok);
    assert.equal(result.status, undefined);
    assert.match(result.message, new RegExp(`Could not connect to http://127\\.0\\.0\\.1:${port}/v1/models`));
    assert.match(result.message, /ECONNREFUSED/);
    assert.match(result.message, /http\.proxy/);
  });

  it('a rejected stream_options is dropped, retried once and remembered', async () => {
    const quirks = emptyQuirks();
    const first = await collect(streamReply(client(), chat('fault-no-stream-options', 'Hi'), { quirks }));
    assert.deepEqual(first[0], { type: 'parameterDropped', parameter: 'stream_options' });
    assert.equal(textOf(first), 'Simulated reply to: Hi');
    assert.deepEqual(quirks.omittedParameters, ['stream_options']);
    assert.equal(requestsFor('fault-no-stream-options').length, 2);
    // Remembered: the next request goes without it the first time.
    const second = await collect(streamReply(client(), chat('fault-no-stream-options', 'Hi'), { quirks }));
    assert.ok(!second.some((event) => event.type === 'parameterDropped'));
    assert.equal(requestsFor('fault-no-stream-options').length, 3);
  });

  it('a rejected seed is dropped and retried once; the quirks serialise', async () => {
    const quirks = emptyQuirks();
    const events = await collect(streamReply(client(), chat('fault-no-seed', 'Hi', { seed: 1 }), { quirks }));
    assert.deepEqual(
      events.filter((event) => event.type === 'parameterDropped'),
      [{ type: 'parameterDropped', parameter: 'seed' }],
    );
    assert.deepEqual(JSON.parse(JSON.stringify(quirks)), { omittedParameters: ['seed'], nonStreamingModels: [] });
    const sent = requestsFor('fault-no-seed').map((request) => 'seed' in (request.body as object));
    assert.deepEqual(sent, [true, false]);
  });

  it('sends a key only to its own connection’s URL', async () => {
    const other = await startSimulator();
    try {
      const otherConnection: Connection = { id: 'o', name: 'Other', kind: 'compatible', baseUrl: other.url };
      await listModels(createClient(otherConnection, {}));
      await listModels(createClient(otherConnection, { apiKey: 'other-key-abcdef' }));
      assert.deepEqual(
        other.requests.map((request) => request.headers.authorization),
        [undefined, 'Bearer other-key-abcdef'],
      );
      assert.ok(simulator.requests.every((request) => request.headers.authorization !== 'Bearer other-key-abcdef'));
    } finally {
      await other.close();
    }
  });

  it('keyless: a token function’s token is sent as the bearer token', async () => {
    const before = simulator.requests.length;
    const models = await listModels(client({ token: () => Promise.resolve(KEY) }));
    assert.ok(models.length > 0);
    assert.equal(simulator.requests[before]!.headers.authorization, `Bearer ${KEY}`);
  });

  it('the SDK’s log lines go to the caller’s log, without the key', async () => {
    const lines: string[] = [];
    const logged = client(
      { apiKey: KEY },
      { log: (level, message) => lines.push(`${level} ${message}`), logLevel: 'debug' },
    );
    await failure(streamReply(logged, chat('fault-429', `my key is ${KEY}`)));
    assert.ok(
      lines.some((line) => /^info .*429.*retrying/.test(line)),
      lines.join('\n'),
    );
    assert.ok(lines.some((line) => line.startsWith('debug ')));
    for (const line of lines) assert.ok(!line.includes(KEY), line);
  });

  it('no error message or redacted log line contains the key', async () => {
    const messages: string[] = [];
    for (const model of ['fault-401', 'fault-quota', 'fault-500', 'nope', 'sim-chat']) {
      const events = streamReply(client(undefined, { maxRetries: 0 }), chat(model, `my key is ${KEY}`));
      try {
        await collect(events);
      } catch (error) {
        assert.ok(error instanceof ReplyError);
        messages.push(error.message);
      }
    }
    assert.equal(messages.length, 4);
    const log = simulator.requests.map((request) => redactSecrets(JSON.stringify(request), [KEY]));
    assert.ok(log.some((line) => line.includes('authorization')));
    for (const text of [...messages, ...log]) assert.ok(!text.includes(KEY), text);
  });
});
