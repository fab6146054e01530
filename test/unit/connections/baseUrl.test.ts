import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { azureV1BaseUrl, endpointUrl, normalizeBaseUrl } from '../../../src/core/connections/baseUrl';
import type { ConnectionKind } from '../../../src/core/connections/connection';

const ok = (input: string, kind: ConnectionKind = 'compatible') => {
  const result = normalizeBaseUrl(input, kind);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to be accepted: ${result.ok ? '' : result.message}`);
  return result.url;
};
const refused = (input: string, kind: ConnectionKind = 'compatible') => {
  const result = normalizeBaseUrl(input, kind);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to be refused, got ${result.ok ? result.url : ''}`);
  return result.message;
};

describe('connections: base URL normalising', () => {
  const table: [input: string, kind: ConnectionKind, expected: string][] = [
    // With or without /v1, trailing slashes, whitespace.
    ['http://localhost:11434/v1', 'compatible', 'http://localhost:11434/v1'],
    ['http://localhost:11434/v1/', 'compatible', 'http://localhost:11434/v1'],
    ['http://localhost:11434/v1///', 'compatible', 'http://localhost:11434/v1'],
    ['  http://localhost:11434/v1 \n', 'compatible', 'http://localhost:11434/v1'],
    ['http://localhost:11434', 'compatible', 'http://localhost:11434/v1'],
    ['http://localhost:11434/', 'compatible', 'http://localhost:11434/v1'],
    ['HTTP://LocalHost:1234', 'compatible', 'http://localhost:1234/v1'],
    // Endpoints pasted by mistake.
    ['http://localhost:8000/v1/chat/completions', 'compatible', 'http://localhost:8000/v1'],
    ['http://localhost:8000/v1/chat/completions/', 'compatible', 'http://localhost:8000/v1'],
    ['http://localhost:8000/v1/completions', 'compatible', 'http://localhost:8000/v1'],
    ['http://localhost:8000/v1/models', 'compatible', 'http://localhost:8000/v1'],
    ['http://localhost:8000/v1/Chat/Completions', 'compatible', 'http://localhost:8000/v1'],
    ['http://localhost:8080/chat/completions', 'compatible', 'http://localhost:8080/v1'],
    ['http://host/v1/completions/chat/completions', 'compatible', 'http://host/v1'],
    ['http://host/x/models/', 'compatible', 'http://host/x'],
    ['https://api.openai.com/v1/chat/completions', 'openai', 'https://api.openai.com/v1'],
    // A path without /v1 is kept: servers under a prefix choose their own layout.
    ['https://host/api', 'compatible', 'https://host/api'],
    ['https://host/api/', 'compatible', 'https://host/api'],
    ['https://api.groq.com/openai/v1', 'compatible', 'https://api.groq.com/openai/v1'],
    [
      'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
      'compatible',
      'https://generativelanguage.googleapis.com/v1beta/openai',
    ],
    // OpenAI: empty means the public API.
    ['', 'openai', 'https://api.openai.com/v1'],
    ['   ', 'openai', 'https://api.openai.com/v1'],
    ['https://api.openai.com', 'openai', 'https://api.openai.com/v1'],
    // Azure: the resource endpoint, whatever was pasted.
    ['https://res.openai.azure.com', 'azure', 'https://res.openai.azure.com'],
    ['https://res.openai.azure.com/', 'azure', 'https://res.openai.azure.com'],
    ['https://res.openai.azure.com/openai/v1/', 'azure', 'https://res.openai.azure.com'],
    ['https://gw.example.com/team/openai-proxy', 'azure', 'https://gw.example.com/team/openai-proxy'],
    ['https://gw.example.com/team/OpenAI/v1', 'azure', 'https://gw.example.com/team'],
    ['https://res.openai.azure.com/openai/v1/chat/completions', 'azure', 'https://res.openai.azure.com'],
    ['https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions', 'azure', 'https://res.openai.azure.com'],
  ];
  for (const [input, kind, expected] of table) {
    it(`${kind}: ${JSON.stringify(input)} → ${expected}`, () => assert.equal(ok(input, kind), expected));
  }

  it('is idempotent over the table', () => {
    for (const [, kind, expected] of table) assert.equal(ok(expected, kind), expected);
  });

  it('property: never throws, and a normalised URL normalises to itself, for every kind', () => {
    const kinds = fc.constantFrom<ConnectionKind>('openai', 'azure', 'compatible');
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.string()),
        kinds,
        (input, kind) => {
          const first = normalizeBaseUrl(input, kind);
          if (!first.ok) return;
          assert.deepEqual(normalizeBaseUrl(first.url, kind), first);
          assert.ok(!first.url.endsWith('/'), first.url);
        },
      ),
    );
  });

  it('refuses what is not an http(s) base URL, saying why', () => {
    assert.match(refused(''), /base URL/);
    assert.match(refused('', 'azure'), /endpoint/);
    assert.match(refused('localhost:11434'), /http:\/\/ or https:\/\//);
    assert.match(refused('not a url'), /not a URL/);
    assert.match(refused('ftp://host/v1'), /http:\/\/ or https:\/\//);
  });

  it('refuses credentials, queries and fragments in the URL', () => {
    assert.match(refused('https://user:sk-secret@host/v1'), /user name or password/);
    assert.doesNotMatch(refused('https://user:sk-secret@host/v1'), /sk-secret/);
    assert.match(refused('https://res.openai.azure.com/openai?api-version=2024-10-21', 'azure'), /query/);
    assert.match(refused('http://localhost:11434/v1#x'), /fragment/);
  });

  it('builds the Azure v1 base URL and exact endpoint URLs', () => {
    assert.equal(azureV1BaseUrl('https://res.openai.azure.com'), 'https://res.openai.azure.com/openai/v1');
    assert.equal(endpointUrl('http://127.0.0.1:1/v1', 'models'), 'http://127.0.0.1:1/v1/models');
    assert.equal(endpointUrl('http://127.0.0.1:1/v1/', '/chat/completions'), 'http://127.0.0.1:1/v1/chat/completions');
  });
});
