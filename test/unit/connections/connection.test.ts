import * as assert from 'node:assert/strict';
import { COMPATIBLE_PRESETS, findPreset, validateConnection } from '../../../src/core/connections/connection';
import { normalizeBaseUrl } from '../../../src/core/connections/baseUrl';

const valid = { id: 'c1', name: 'Local', kind: 'compatible', baseUrl: 'http://localhost:11434/v1' };

describe('connections: the connection model', () => {
  it('has presets with their default URLs, each already normalised', () => {
    assert.deepEqual(
      COMPATIBLE_PRESETS.map((preset) => [preset.label, preset.defaultBaseUrl]),
      [
        ['Ollama', 'http://localhost:11434/v1'],
        ['LM Studio', 'http://localhost:1234/v1'],
        ['vLLM', 'http://localhost:8000/v1'],
        ['llama.cpp server', 'http://localhost:8080/v1'],
      ],
    );
    for (const preset of COMPATIBLE_PRESETS)
      assert.deepEqual(normalizeBaseUrl(preset.defaultBaseUrl, 'compatible'), {
        ok: true,
        url: preset.defaultBaseUrl,
      });
    assert.equal(findPreset('vllm')?.label, 'vLLM');
    assert.equal(findPreset('nope'), undefined);
  });

  it('accepts valid connections of every kind', () => {
    assert.deepEqual(validateConnection(valid), []);
    assert.deepEqual(validateConnection({ ...valid, preset: 'ollama' }), []);
    assert.deepEqual(
      validateConnection({
        id: 'o',
        name: 'OpenAI',
        kind: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        organization: 'org-1',
        project: 'proj_1',
      }),
      [],
    );
    assert.deepEqual(
      validateConnection({ id: 'a', name: 'Azure', kind: 'azure', baseUrl: 'https://res.openai.azure.com' }),
      [],
    );
    assert.deepEqual(
      validateConnection({
        id: 'a',
        name: 'Azure',
        kind: 'azure',
        baseUrl: 'https://res.openai.azure.com',
        azure: { apiVersion: '2025-04-01-preview' },
      }),
      [],
    );
  });

  it('lists every problem with the field and a clear message', () => {
    const messages = (value: unknown) => validateConnection(value).map((p) => `${p.field}: ${p.message}`);
    assert.deepEqual(messages(null), ['id: A connection must be an object.']);
    assert.deepEqual(messages({ ...valid, id: '', name: ' ' }), [
      'id: The connection has no id.',
      'name: Give the connection a name.',
    ]);
    assert.match(messages({ ...valid, kind: 'anthropic' })[0]!, /^kind: .*openai.*azure.*compatible/);
    assert.deepEqual(messages({ ...valid, baseUrl: 'http://localhost:11434' }), [
      'baseUrl: The base URL should be written as http://localhost:11434/v1.',
    ]);
    assert.match(messages({ ...valid, baseUrl: 'localhost' })[0]!, /^baseUrl: .*http:\/\//);
    assert.match(messages({ ...valid, organization: 'org' })[0]!, /OpenAI connections only/);
    assert.match(messages({ ...valid, azure: {} })[0]!, /^azure: .*Azure OpenAI connections only/);
    assert.match(
      messages({ ...valid, kind: 'azure', baseUrl: 'https://r.openai.azure.com', azure: { apiVersion: 'latest' } })[0]!,
      /^azure: .*2024-10-21/,
    );
    assert.match(messages({ ...valid, preset: 'tgi' })[0]!, /^preset: Unknown preset; use one of ollama, lmstudio/);
    assert.match(
      messages({ ...valid, kind: 'openai', baseUrl: 'https://api.openai.com/v1', preset: 'ollama' })[0]!,
      /compatible servers only/,
    );
  });
});
