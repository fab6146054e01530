import * as assert from 'node:assert/strict';
import {
  parseConnections,
  pickConnectionFields,
  withConnection,
  withoutConnection,
} from '../../../src/connections/connectionList';
import type { Connection } from '../../../src/core/connections';

const ollama: Connection = {
  id: 'a',
  name: 'Ollama',
  kind: 'compatible',
  baseUrl: 'http://localhost:11434/v1',
  preset: 'ollama',
};
const azure: Connection = {
  id: 'b',
  name: 'Azure',
  kind: 'azure',
  baseUrl: 'https://r.openai.azure.com',
  azure: { apiVersion: '2024-10-21' },
};

describe('connections (VS Code side): reading the connections setting', () => {
  it('keeps valid entries in order', () => {
    assert.deepEqual(parseConnections([ollama, azure]), { connections: [ollama, azure], skipped: [] });
  });

  it('reads an absent setting as no connections, and a value that is not a list as one skipped reason', () => {
    assert.deepEqual(parseConnections(undefined), { connections: [], skipped: [] });
    const result = parseConnections({ id: 'a' });
    assert.deepEqual(result.connections, []);
    assert.equal(result.skipped.length, 1);
    assert.equal(result.skipped[0]?.index, -1);
    assert.match(result.skipped[0]?.reason ?? '', /must be a list/);
  });

  it('skips each broken entry with its index and the core’s reasons, keeping the others', () => {
    const result = parseConnections([
      null,
      'text',
      { ...ollama, id: 'c', kind: 'nope' },
      { ...ollama, id: 'd', baseUrl: 'http://localhost:11434' },
      ollama,
    ]);
    assert.deepEqual(result.connections, [ollama]);
    assert.deepEqual(
      result.skipped.map((entry) => entry.index),
      [0, 1, 2, 3],
    );
    assert.match(result.skipped[2]?.reason ?? '', /kind/);
    // Not normalised: what is stored must be exactly what requests go to.
    assert.match(result.skipped[3]?.reason ?? '', /http:\/\/localhost:11434\/v1/);
  });

  it('skips a repeated id, so one id never names two URLs (and its key two hosts)', () => {
    const result = parseConnections([ollama, { ...ollama, name: 'Other', baseUrl: 'http://evil.example/v1' }]);
    assert.deepEqual(result.connections, [ollama]);
    assert.deepEqual(result.skipped, [{ index: 1, reason: 'The id “a” is used by an earlier connection.' }]);
  });

  it('keeps the known fields only: a key written into the setting is neither kept nor passed on', () => {
    const result = parseConnections([{ ...ollama, apiKey: 'sk-should-not-be-here-123', headers: { x: 'y' } }]);
    assert.deepEqual(result.connections, [ollama]);
    assert.ok(!JSON.stringify(result).includes('sk-should-not-be-here'));
    assert.deepEqual(pickConnectionFields({ ...azure, extra: 1 } as Connection), azure);
  });

  it('saves and removes one connection by id, keeping every other entry as the user wrote it', () => {
    const broken = { id: 'x', name: 'Typo', kind: 'compatibel', baseUrl: 'http://h:1/v1' };
    const raw = [broken, ollama, 'junk'];
    const renamed = { ...ollama, name: 'Renamed' };
    assert.deepEqual(withConnection(raw, renamed), [broken, renamed, 'junk']);
    assert.deepEqual(withConnection(raw, azure), [broken, ollama, 'junk', azure]);
    assert.deepEqual(withConnection(undefined, azure), [azure]);
    assert.deepEqual(withConnection(raw, { ...azure, apiKey: 'sk-never-stored-1234' } as Connection), [
      broken,
      ollama,
      'junk',
      azure,
    ]);
    assert.deepEqual(withoutConnection(raw, 'a'), [broken, 'junk']);
    assert.deepEqual(withoutConnection(raw, 'x'), [ollama, 'junk']);
    assert.deepEqual(withoutConnection('not a list', 'a'), []);
    assert.deepEqual(raw, [broken, ollama, 'junk']);
  });
});
