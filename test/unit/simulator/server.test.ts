import * as assert from 'node:assert/strict';
import OpenAI, { AuthenticationError, NotFoundError } from 'openai';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('simulator: server', () => {
  const { simulator, client } = useSimulator();

  it('listens on 127.0.0.1 and gives a base URL ending in /v1', () => {
    assert.match(simulator().url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a wrong path with a 404 in the OpenAI error shape that names the method and path', async () => {
    const error = await rejectionOf(client().post('/chat/completion', { body: { model: 'sim-chat', messages } }));
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.message, '404 Invalid URL (POST /v1/chat/completion)');
    assert.equal(error.type, 'invalid_request_error');
    const response = await fetch(`${simulator().url.replace(/\/v1$/, '')}/chat/completions`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: { message: 'Invalid URL (GET /chat/completions)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('answers a body that is not JSON with a 400 in the OpenAI error shape', async () => {
    const response = await fetch(`${simulator().url}/chat/completions`, { method: 'POST', body: '{not json' });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /could not parse the JSON body/);
  });

  it('records every request: method, path, headers with the authorization, and the parsed body', async () => {
    const sdk = new OpenAI({ baseURL: simulator().url, apiKey: 'sk-recorded', maxRetries: 0 });
    const before = simulator().requests.length;
    await sdk.chat.completions.create({ model: 'sim-chat', messages, seed: 3 });
    const recorded = simulator().requests.slice(before);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]?.method, 'POST');
    assert.equal(recorded[0]?.path, '/v1/chat/completions');
    assert.equal(recorded[0]?.headers.authorization, 'Bearer sk-recorded');
    assert.deepEqual(recorded[0]?.body, { model: 'sim-chat', messages, seed: 3 });
  });
});

describe('simulator: started with an API key', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await startSimulator({ apiKey: 'k' });
  });
  after(() => simulator.close());

  it('accepts requests with Authorization: Bearer <that key>', async () => {
    const sdk = new OpenAI({ baseURL: simulator.url, apiKey: 'k', maxRetries: 0 });
    const completion = await sdk.chat.completions.create({ model: 'sim-chat', messages });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: hi');
  });

  it('answers another key, or none, with 401 invalid_api_key that does not repeat the key', async () => {
    const sdk = new OpenAI({ baseURL: simulator.url, apiKey: 'wrong-key', maxRetries: 0 });
    const error = await rejectionOf(sdk.models.list());
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.code, 'invalid_api_key');
    assert.doesNotMatch(error.message, /wrong-key/);
    const response = await fetch(`${simulator.url}/models`);
    assert.equal(response.status, 401);
  });
});
