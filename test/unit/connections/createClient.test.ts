import * as assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import { createClient, DEFAULT_MAX_RETRIES } from '../../../src/core/connections/createClient';
import type { Connection } from '../../../src/core/connections/connection';
import { requestUrl } from '../../../src/core/connections/requestUrl';

const compatible: Connection = { id: 'c', name: 'Local', kind: 'compatible', baseUrl: 'http://localhost:11434/v1' };

describe('connections: createClient', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // A key and URL in the environment must never be picked up by a connection's client.
    process.env.OPENAI_API_KEY = 'sk-from-the-environment-0000';
    process.env.OPENAI_BASE_URL = 'http://evil.example/v1';
    process.env.OPENAI_ORG_ID = 'org-env';
    process.env.AZURE_OPENAI_API_KEY = 'azure-env-key-0000';
  });
  afterEach(() => {
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'AZURE_OPENAI_API_KEY'])
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
  });

  it('uses only the connection’s URL and key, never the environment', () => {
    const client = createClient(compatible, { apiKey: 'mine-123456' });
    assert.equal(client.baseURL, 'http://localhost:11434/v1');
    assert.equal(client.apiKey, 'mine-123456');
    assert.equal(client.organization, null);
    assert.equal(client.maxRetries, DEFAULT_MAX_RETRIES);
    assert.ok(client.timeout > 0 && client.timeout < 10 * 60 * 1000);
  });

  it('a connection without a key sends no Authorization header (not the environment’s key)', async () => {
    const client = createClient(compatible, {});
    assert.notEqual(client.apiKey, process.env.OPENAI_API_KEY);
    const { req } = await client.buildRequest({ method: 'get', path: '/models' });
    assert.equal(req.headers.get('authorization'), null);
  });

  it('OpenAI: organization and project headers; other kinds never send them', async () => {
    const client = createClient(
      {
        id: 'o',
        name: 'OpenAI',
        kind: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        organization: 'org-1',
        project: 'p',
      },
      { apiKey: 'sk-test-abcdefgh' },
    );
    const { req, url } = await client.buildRequest({ method: 'get', path: '/models' });
    const headers = req.headers;
    assert.equal(url, 'https://api.openai.com/v1/models');
    assert.equal(headers.get('openai-organization'), 'org-1');
    assert.equal(headers.get('openai-project'), 'p');
    assert.equal(headers.get('authorization'), 'Bearer sk-test-abcdefgh');
  });

  it('Azure without an API version: the v1 API through the OpenAI client, keyless with a token function', async () => {
    const client = createClient(
      { id: 'a', name: 'Azure', kind: 'azure', baseUrl: 'https://res.openai.azure.com' },
      { token: () => Promise.resolve('entra-token-1') },
    );
    assert.ok(!(client instanceof AzureOpenAI));
    assert.equal(client.baseURL, 'https://res.openai.azure.com/openai/v1');
    const options = { method: 'get' as const, path: '/models' };
    await client['prepareOptions'](options);
    const { req } = await client.buildRequest(options);
    assert.equal(req.headers.get('authorization'), 'Bearer entra-token-1');
  });

  it('Azure with a dated API version: the AzureOpenAI client with the api-key header', async () => {
    const client = createClient(
      {
        id: 'a',
        name: 'Azure',
        kind: 'azure',
        baseUrl: 'https://res.openai.azure.com',
        azure: { apiVersion: '2024-10-21' },
      },
      { apiKey: 'azure-key-123456' },
    );
    assert.ok(client instanceof AzureOpenAI);
    const { req, url } = await client.buildRequest({ method: 'get', path: '/models' });
    assert.equal(req.headers.get('api-key'), 'azure-key-123456');
    assert.equal(url, 'https://res.openai.azure.com/openai/models?api-version=2024-10-21');
  });

  it('Azure with a dated API version and a token function: Entra bearer token, no environment key', async () => {
    const client = createClient(
      {
        id: 'a',
        name: 'Azure',
        kind: 'azure',
        baseUrl: 'https://res.openai.azure.com',
        azure: { apiVersion: '2024-10-21' },
      },
      { token: () => Promise.resolve('entra-token-2') },
    );
    const options = { method: 'get' as const, path: '/models' };
    await client['prepareOptions'](options);
    const { req } = await client.buildRequest(options);
    const headers = req.headers;
    assert.equal(headers.get('authorization'), 'Bearer entra-token-2');
    assert.equal(headers.get('api-key'), null);
  });

  it('names the exact URL a request goes to, Azure’s deployment path and api-version included', () => {
    const local = createClient(compatible, {});
    assert.equal(requestUrl(local, 'models'), 'http://localhost:11434/v1/models');
    assert.equal(requestUrl(local, 'chat/completions', 'llama3'), 'http://localhost:11434/v1/chat/completions');
    const v1 = createClient(
      { id: 'a', name: 'A', kind: 'azure', baseUrl: 'https://res.openai.azure.com' },
      { apiKey: 'k-123456' },
    );
    assert.equal(
      requestUrl(v1, 'chat/completions', 'gpt4o'),
      'https://res.openai.azure.com/openai/v1/chat/completions',
    );
    const dated = createClient(
      {
        id: 'a',
        name: 'A',
        kind: 'azure',
        baseUrl: 'https://res.openai.azure.com',
        azure: { apiVersion: '2024-10-21' },
      },
      { apiKey: 'k-123456' },
    );
    assert.equal(
      requestUrl(dated, 'chat/completions', 'gpt4o'),
      'https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21',
    );
    assert.equal(requestUrl(dated, 'models'), 'https://res.openai.azure.com/openai/models?api-version=2024-10-21');
  });

  it('drops headers the environment adds to every request (OPENAI_CUSTOM_HEADERS)', async () => {
    process.env.OPENAI_CUSTOM_HEADERS = 'X-Leak: sk-env-custom-header-000\nAuthorization: Bearer sk-env-auth-0000';
    try {
      const { req } = await createClient(compatible, { apiKey: 'mine-123456' }).buildRequest({
        method: 'get',
        path: '/models',
      });
      assert.equal(req.headers.get('x-leak'), null);
      assert.equal(req.headers.get('authorization'), 'Bearer mine-123456');
      const keyless = await createClient(compatible, {}).buildRequest({ method: 'get', path: '/models' });
      assert.equal(keyless.req.headers.get('authorization'), null);
      assert.throws(
        () => createClient(compatible, { token: () => Promise.resolve('t') }),
        /OPENAI_CUSTOM_HEADERS.*Authorization/,
      );
    } finally {
      delete process.env.OPENAI_CUSTOM_HEADERS;
    }
  });

  it('refuses a connection whose base URL is not valid', () => {
    assert.throws(() => createClient({ ...compatible, baseUrl: 'localhost' }, {}), /Local.*http:\/\//);
  });
});
