import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setApiKeyCommand } from '../../src/connections/apiKeyCommands';
import { ConnectionRegistry } from '../../src/connections/connectionRegistry';
import { editConnectionCommand } from '../../src/connections/editConnectionCommand';
import { removeConnectionCommand } from '../../src/connections/removeConnectionCommand';
import {
  SIMULATOR_CONNECTION_ID,
  SIMULATOR_CONNECTION_NAME,
  SIMULATOR_URL_VARIABLE,
  simulatorConnection,
} from '../../src/connections/simulatorConnection';
import type { Connection, ConnectionTestResult } from '../../src/core/connections';
import { activateExtension } from './harness';

// `npm start` runs the simulator and passes its URL in FINETUNE_STUDIO_SIMULATOR_URL; the integration runner does
// the same (test/rig/runIntegration.ts), so these tests see the variable the way the extension host gets it. The
// runner's workspace is a copy of examples/, where the extension must not list the simulator; the registry that
// lists it is built here as registerConnections builds it for the examples folder, with a secret storage that
// records every write.
const KEY = 'sk-simulator-never-stored-4b7e1d9c2a';
const REAL: Connection = { id: 'it-real', name: 'Real', kind: 'compatible', baseUrl: 'http://127.0.0.1:9/v1' };

const connectionsSetting = () => vscode.workspace.getConfiguration('fineTuneStudio');
const userConnections = () => connectionsSetting().inspect<unknown>('connections')?.globalValue;

/** A secret storage in memory that records what was stored. */
class RecordingSecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  readonly stored: string[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.stored.push(key);
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

/** Resolves once the registry has reloaded after a change of the setting. */
function reloaded(registry: ConnectionRegistry): Promise<void> {
  return new Promise((resolve) => {
    const subscription = registry.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
  });
}

describe('the simulator connection npm start adds', () => {
  let extensionRoot: string;
  let simulator: Connection;
  let secrets: RecordingSecrets;
  let registry: ConnectionRegistry;
  let settingBefore: unknown;

  before(async () => {
    extensionRoot = (await activateExtension()).extensionPath;
    settingBefore = userConnections();
    const found = simulatorConnection(
      process.env[SIMULATOR_URL_VARIABLE],
      [path.join(extensionRoot, 'examples')],
      extensionRoot,
    );
    assert.ok(found.connection, `${SIMULATOR_URL_VARIABLE}: ${found.reason ?? 'not set in the extension host'}`);
    simulator = found.connection;
    secrets = new RecordingSecrets();
    registry = new ConnectionRegistry(secrets, new MemoryMemento(), simulator);
    await registry.ready;
    const read = reloaded(registry);
    await connectionsSetting().update('connections', [REAL], vscode.ConfigurationTarget.Global);
    await read;
  });

  after(async () => {
    registry.dispose();
    await connectionsSetting().update('connections', settingBefore, vscode.ConfigurationTarget.Global);
  });

  it('reaches the extension host through code-server’s environment as a loopback URL', () => {
    assert.match(process.env[SIMULATOR_URL_VARIABLE] ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(simulator.baseUrl, process.env[SIMULATOR_URL_VARIABLE]);
  });

  it('is not listed outside the examples folder: the extension’s own registry does not know it, and says why', async () => {
    const result = await vscode.commands.executeCommand<ConnectionTestResult | undefined>(
      'fineTuneStudio.testConnection',
      { id: SIMULATOR_CONNECTION_ID },
    );
    assert.equal(result, undefined);
    const lines = await vscode.commands.executeCommand<readonly string[]>('fineTuneStudio.showConnectionsLog');
    assert.ok(
      lines.some((line) => line.includes('The local simulator is listed only in the examples workspace')),
      lines.join('\n'),
    );
  });

  it('is listed by that name after the user’s connections, and is not in the settings', () => {
    assert.deepEqual(
      registry.list().map((connection) => [connection.id, connection.name]),
      [
        [REAL.id, REAL.name],
        [SIMULATOR_CONNECTION_ID, SIMULATOR_CONNECTION_NAME],
      ],
    );
    assert.deepEqual(userConnections(), [REAL]);
    assert.ok(!JSON.stringify(connectionsSetting().inspect('connections')).includes(SIMULATOR_CONNECTION_ID));
  });

  it('has no credentials, and its client lists the simulator’s models', async () => {
    assert.deepEqual(await registry.credentialsFor(SIMULATOR_CONNECTION_ID), {});
    const client = await registry.clientFor(SIMULATOR_CONNECTION_ID, { maxRetries: 0 });
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    assert.ok(models.includes('sim-chat'), models.join(', '));
  });

  it('never stores a key for it: Set API Key declines and the registry refuses', async () => {
    assert.equal(await setApiKeyCommand(registry, { id: SIMULATOR_CONNECTION_ID, apiKey: KEY }), false);
    await assert.rejects(registry.setKey(SIMULATOR_CONNECTION_ID, KEY), /takes no API key/);
    assert.deepEqual(secrets.stored, []);
    assert.equal(await registry.hasKey(SIMULATOR_CONNECTION_ID), false);
  });

  it('Remove and Edit Connection refuse it: it stays listed and the settings are unchanged', async () => {
    assert.equal(await removeConnectionCommand(registry, { id: SIMULATOR_CONNECTION_ID, confirm: true }), false);
    assert.equal(await editConnectionCommand(registry, { id: SIMULATOR_CONNECTION_ID, name: 'Renamed' }), undefined);
    await assert.rejects(registry.remove(SIMULATOR_CONNECTION_ID), /comes from npm start/);
    await assert.rejects(registry.save({ ...simulator, name: 'Renamed' }), /comes from npm start/);
    assert.equal(registry.get(SIMULATOR_CONNECTION_ID)?.name, SIMULATOR_CONNECTION_NAME);
    assert.deepEqual(userConnections(), [REAL]);
  });

  it('never replaces a real connection: one of the user’s with its id hides it', async () => {
    const own: Connection = { ...REAL, id: SIMULATOR_CONNECTION_ID, name: 'Mine' };
    const read = reloaded(registry);
    await connectionsSetting().update('connections', [REAL, own], vscode.ConfigurationTarget.Global);
    await read;
    assert.deepEqual(registry.list(), [REAL, own]);
    assert.equal(registry.isSimulator(SIMULATOR_CONNECTION_ID), false);
    const back = reloaded(registry);
    await connectionsSetting().update('connections', [REAL], vscode.ConfigurationTarget.Global);
    await back;
  });
});
