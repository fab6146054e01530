import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { Connection, ConnectionTestResult } from '../../src/core/connections';
import { activateExtension, examplesFolder } from './harness';

// Long enough and unlike any other text, so finding it anywhere means it leaked.
const KEY = 'sk-integration-9f3c1a7e5b2d4c6e8a0b';
const ID = 'it-simulator';

const addConnection = (answers: object) =>
  vscode.commands.executeCommand<Connection | undefined>('fineTuneStudio.addConnection', answers);
const testConnection = (id = ID) =>
  vscode.commands.executeCommand<ConnectionTestResult | undefined>('fineTuneStudio.testConnection', { id });
const logLines = () => vscode.commands.executeCommand<readonly string[]>('fineTuneStudio.showConnectionsLog');
const userConnections = () =>
  vscode.workspace.getConfiguration('fineTuneStudio').inspect<unknown>('connections')?.globalValue;

/** Every file under `folder` whose bytes contain `text`. */
function filesContaining(folder: string, text: string): string[] {
  const needle = Buffer.from(text);
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      if (stat.isDirectory()) visit(file);
      else if (stat.isFile() && readFileSync(file).includes(needle)) found.push(file);
    }
  };
  visit(folder);
  return found;
}

/** Resolves once VS Code has read a change to `setting` (e.g. from a settings file written on disk). */
function settingChanged(setting: string): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(setting)) return;
      subscription.dispose();
      resolve();
    });
  });
}

describe('connections', () => {
  let secured: Simulator;
  let elsewhere: Simulator;

  before(async () => {
    await activateExtension();
    secured = await startSimulator({ apiKey: KEY });
    elsewhere = await startSimulator();
  });

  after(async () => {
    await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true });
    await vscode.workspace
      .getConfiguration('fineTuneStudio')
      .update('connections', undefined, vscode.ConfigurationTarget.Global);
    await secured.close();
    await elsewhere.close();
  });

  it('adds a connection to the simulator with its URL normalised, and Test Connection lists its models', async () => {
    const connection = await addConnection({
      id: ID,
      kind: 'compatible',
      name: 'Simulator',
      baseUrl: `  ${secured.url}/chat/completions/ `,
    });
    assert.deepEqual(connection, { id: ID, name: 'Simulator', kind: 'compatible', baseUrl: secured.url });
    assert.deepEqual(userConnections(), [connection]);

    const withoutKey = await testConnection();
    assert.equal(withoutKey?.ok, false);
    assert.ok(withoutKey !== undefined && !withoutKey.ok);
    assert.equal(withoutKey.status, 401);
    assert.equal(withoutKey.url, `${secured.url}/models`);
    assert.match(withoutKey.message, new RegExp(`${secured.url}/models`));

    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.setApiKey', { id: ID, apiKey: KEY }), true);
    const result = await testConnection();
    assert.ok(result?.ok, JSON.stringify(result));
    assert.equal(result.url, `${secured.url}/models`);
    const ids = result.models.map((model) => model.id);
    assert.ok(ids.includes('sim-chat') && ids.includes('ft:sim-chat:studio::sim001'), ids.join(', '));
  });

  it('keeps the key in SecretStorage only: not in settings, the log, or any file of the user data or workspace', async () => {
    // It is stored: the simulator that checks it accepts the requests, which carry exactly it.
    const result = await testConnection();
    assert.ok(result?.ok);
    assert.equal(secured.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);

    const inspected = vscode.workspace.getConfiguration('fineTuneStudio').inspect<unknown>('connections');
    assert.ok(!JSON.stringify(inspected).includes(KEY));
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('fineTuneStudio')).includes(KEY));

    const lines = await logLines();
    assert.ok(
      lines.some((line) => line.includes('API key set for “Simulator”')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.includes('listed')),
      lines.join('\n'),
    );
    assert.deepEqual(
      lines.filter((line) => line.includes(KEY)),
      [],
    );

    // The rig's folder holds the user data (settings, global and workspace state) and the workspace.
    const rigFolder = path.dirname(examplesFolder());
    assert.deepEqual(filesContaining(rigFolder, KEY), []);
    // The scan reaches what was written: the connection's URL is in the user settings file.
    assert.notDeepEqual(filesContaining(rigFolder, secured.url), []);
  });

  it('ignores a workspace-level fineTuneStudio.connections: the key goes only to the user setting’s URL', async () => {
    const settingsFile = path.join(examplesFolder(), '.vscode', 'settings.json');
    const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    const read = settingChanged('fineTuneStudio.diagnostics.delay');
    writeFileSync(
      settingsFile,
      JSON.stringify({
        'fineTuneStudio.connections': [
          { id: ID, name: 'Redirected', kind: 'compatible', baseUrl: elsewhere.url },
          { id: 'it-workspace-only', name: 'Workspace only', kind: 'compatible', baseUrl: elsewhere.url },
        ],
        // Changed in the same write, so its change event says VS Code has read the file.
        'fineTuneStudio.diagnostics.delay': 251,
      }),
    );
    try {
      await read;
      const result = await testConnection();
      assert.ok(result?.ok, JSON.stringify(result));
      assert.equal(result.url, `${secured.url}/models`);
      assert.equal(secured.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
      assert.equal(await testConnection('it-workspace-only'), undefined);
      assert.deepEqual(elsewhere.requests, []);
    } finally {
      const restored = settingChanged('fineTuneStudio.diagnostics.delay');
      if (before === undefined) rmSync(settingsFile);
      else writeFileSync(settingsFile, before);
      await restored;
    }
  });

  it('skips a broken entry of the setting with the reason in the log, and keeps the valid ones', async () => {
    const valid = userConnections() as unknown[];
    await vscode.workspace
      .getConfiguration('fineTuneStudio')
      .update(
        'connections',
        [...valid, { id: 'it-broken', name: 'Broken', kind: 'nope', baseUrl: 'x' }],
        vscode.ConfigurationTarget.Global,
      );
    const lines = await logLines();
    assert.ok(
      lines.some((line) => line.includes('fineTuneStudio.connections[1] was skipped') && line.includes('kind')),
      lines.join('\n'),
    );
    assert.equal(await testConnection('it-broken'), undefined);
    assert.equal((await testConnection())?.ok, true);
    await vscode.workspace
      .getConfiguration('fineTuneStudio')
      .update('connections', valid, vscode.ConfigurationTarget.Global);
  });

  it('Edit Connection normalises the new URL; the log hides a stored key whatever its shape', async () => {
    // Not shaped like an OpenAI key, so only knowing the stored keys can hide it.
    const plainKey = 'plain-secret-5e8d2c7b';
    const id = 'it-edited';
    await addConnection({ id, kind: 'compatible', name: 'To edit', baseUrl: elsewhere.url, apiKey: plainKey });
    try {
      const edited = await vscode.commands.executeCommand<Connection | undefined>('fineTuneStudio.editConnection', {
        id,
        name: `Named after ${plainKey}`,
        baseUrl: `${elsewhere.url}/models`,
      });
      assert.deepEqual(edited, { id, name: `Named after ${plainKey}`, kind: 'compatible', baseUrl: elsewhere.url });
      const lines = await logLines();
      assert.ok(
        lines.some((line) => line.includes('Edited “Named after [redacted]”')),
        lines.join('\n'),
      );
      assert.deepEqual(
        lines.filter((line) => line.includes(plainKey)),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id, confirm: true });
    }
  });

  it('Clear API Key deletes the key: the next request carries none, until Set API Key stores one again', async () => {
    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.clearApiKey', { id: ID }), true);
    const cleared = await testConnection();
    assert.ok(cleared !== undefined && !cleared.ok);
    assert.equal(cleared.status, 401);
    assert.equal(secured.requests.at(-1)?.headers.authorization, undefined);
    assert.equal(await vscode.commands.executeCommand('fineTuneStudio.setApiKey', { id: ID, apiKey: KEY }), true);
    assert.equal((await testConnection())?.ok, true);
  });

  it('gives each key only to its own connection’s server', async () => {
    const otherKey = 'sk-other-connection-4b7e1d9a2c';
    const id = 'it-other';
    await addConnection({ id, kind: 'compatible', name: 'Other server', baseUrl: elsewhere.url, apiKey: otherKey });
    try {
      assert.equal((await testConnection(id))?.ok, true);
      assert.equal((await testConnection())?.ok, true);
      const sent = (simulator: Simulator) =>
        new Set(simulator.requests.map((request) => request.headers.authorization));
      assert.deepEqual([...sent(elsewhere)], [`Bearer ${otherKey}`]);
      assert.ok(!sent(secured).has(`Bearer ${otherKey}`));
      assert.ok(sent(secured).has(`Bearer ${KEY}`));
    } finally {
      await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id, confirm: true });
    }
  });

  it('Remove Connection deletes the key: a new connection with the same id has none', async () => {
    assert.equal(
      await vscode.commands.executeCommand('fineTuneStudio.removeConnection', { id: ID, confirm: true }),
      true,
    );
    assert.deepEqual(userConnections(), []);
    await addConnection({ id: ID, kind: 'compatible', name: 'Simulator again', baseUrl: secured.url });
    const result = await testConnection();
    assert.ok(result !== undefined && !result.ok);
    assert.equal(result.status, 401);
    assert.equal(secured.requests.at(-1)?.headers.authorization, undefined);
  });
});
