import type OpenAI from 'openai';
import * as vscode from 'vscode';
import { createClient, type ClientOptions, type Connection, type Credentials } from '../core/connections';
import { messageOf } from '../core/errors/messageOf';
import { azureTokenFunction } from './azureSignIn';
import { ConnectionLog } from './connectionLog';
import { CONNECTIONS_SETTING } from './connectionList';
import { deleteConnection, readConnections, saveConnection } from './connectionSettings';
import { DisposableBase } from '../lifecycle/disposableBase';
import { QuirksStore } from './quirksStore';
import { simulatorNotEditable } from './simulatorConnection';

/** SecretStorage keys: one per connection id. Nothing else of a connection is stored there. */
const SECRET_PREFIX = 'fineTuneStudio.connection.';
const secretKey = (id: string) => `${SECRET_PREFIX}${id}.apiKey`;

/**
 * The connections the user set up, and the one way to get a client for one. What the playground, the jobs view and
 * batch runs use: `list()`, `onDidChange`, `clientFor(id)`.
 *
 * Keys live only in SecretStorage under the connection's id, and are given only to the client for that id, whose
 * URL comes from the application-scoped setting.
 *
 * `simulator` (from `npm start`, see simulatorConnection.ts) is listed after the user's connections and is never
 * saved, removed or given a key; a user's connection with the same id hides it, so a real one is never replaced.
 */
export class ConnectionRegistry extends DisposableBase {
  private connections: readonly Connection[] = [];
  private skippedLines: readonly string[] = [];
  /** Every key seen this session, also cleared ones: a log line must hide them all. */
  private readonly knownKeys = new Set<string>();
  /**
   * Clients by connection id, reused: building one reads the key from the secret storage, which in a remote window is
   * a round trip to the client (tens of ms before every reply), and a new client also opens new connections. Emptied
   * whenever a connection or a key changes.
   */
  private readonly clients = new Map<string, Promise<OpenAI>>();
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  /** Fires when the list of connections or a stored key changed. */
  readonly onDidChange = this.changed.event;
  readonly log: ConnectionLog;
  /** Per connection: parameters its server rejected and models that cannot stream (pass `quirks.get(id)` to streamReply). */
  readonly quirks: QuirksStore;
  /** Settles when the keys of the current connections have been read (so the log can hide them). */
  readonly ready: Promise<void>;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    globalState: vscode.Memento,
    private readonly simulator?: Connection,
  ) {
    super();
    this.quirks = new QuirksStore(globalState);
    this.log = this.own(new ConnectionLog(() => [...this.knownKeys]));
    this.own(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(CONNECTIONS_SETTING)) return;
        this.clients.clear();
        this.reloadInBackground();
      }),
    );
    this.own(
      secrets.onDidChange((event) => {
        if (!event.key.startsWith(SECRET_PREFIX)) return;
        this.clients.clear();
        this.reloadInBackground();
      }),
    );
    this.ready = this.reload().catch((error: unknown) => this.logReloadFailure(error));
  }

  /** The valid connections, in the order of the setting, then the simulator's (when `npm start` runs one). */
  list(): readonly Connection[] {
    return this.isSimulatorListed() ? [...this.connections, this.simulator!] : this.connections;
  }

  /** Whether `id` is the simulator connection from `npm start` (not in the settings; keyless). */
  isSimulator(id: string): boolean {
    return this.isSimulatorListed() && id === this.simulator?.id;
  }

  private isSimulatorListed(): boolean {
    const simulator = this.simulator;
    return simulator !== undefined && !this.connections.some((connection) => connection.id === simulator.id);
  }

  get(id: string): Connection | undefined {
    return this.list().find((connection) => connection.id === id);
  }

  async hasKey(id: string): Promise<boolean> {
    if (this.isSimulator(id)) return false;
    return (await this.secrets.get(secretKey(id))) !== undefined;
  }

  /**
   * What authenticates requests to a connection: its stored key; for Azure without a key, a Microsoft Entra token.
   * Throws for an unknown id.
   */
  async credentialsFor(id: string): Promise<Credentials> {
    const connection = this.require(id);
    // The simulator takes any key or none: no stored key (e.g. left by an old connection with its id) goes there.
    if (this.isSimulator(id)) return {};
    const apiKey = await this.secrets.get(secretKey(connection.id));
    if (apiKey !== undefined) {
      this.knownKeys.add(apiKey);
      return { apiKey };
    }
    return connection.kind === 'azure' ? { token: azureTokenFunction() } : {};
  }

  /**
   * An SDK client for the connection, logging into the connections log. Throws for an unknown id. Without options the
   * client is shared (see `clients`); with options (e.g. retries off) it is a new one.
   */
  async clientFor(id: string, options: Omit<ClientOptions, 'log'> = {}): Promise<OpenAI> {
    const connection = this.require(id);
    if (Object.keys(options).length > 0) return this.newClient(connection, options);
    let client = this.clients.get(id);
    if (client === undefined) {
      client = this.newClient(connection, options);
      this.clients.set(id, client);
      // A failed build (e.g. the secret storage) is not kept: the next call tries again.
      client.catch(() => {
        if (this.clients.get(id) === client) this.clients.delete(id);
      });
    }
    return client;
  }

  private async newClient(connection: Connection, options: Omit<ClientOptions, 'log'>): Promise<OpenAI> {
    return createClient(connection, await this.credentialsFor(connection.id), { ...options, log: this.log.clientLog });
  }

  /** Adds a connection, or replaces the one with the same id. */
  async save(connection: Connection): Promise<void> {
    if (this.isSimulator(connection.id)) throw new Error(simulatorNotEditable('edited'));
    await saveConnection(connection);
    await this.reload();
  }

  /** Removes a connection, its key and its quirks. */
  async remove(id: string): Promise<void> {
    if (this.isSimulator(id)) throw new Error(simulatorNotEditable('removed'));
    await this.clearKey(id);
    await this.quirks.forget(id);
    await deleteConnection(id);
    await this.reload();
  }

  async setKey(id: string, apiKey: string): Promise<void> {
    this.require(id);
    if (this.isSimulator(id)) throw new Error(`${this.simulator!.name} takes no API key.`);
    // Known before it is stored, so no line logged meanwhile can show it.
    this.knownKeys.add(apiKey);
    this.clients.delete(id);
    await this.secrets.store(secretKey(id), apiKey);
    this.clients.delete(id);
  }

  async clearKey(id: string): Promise<void> {
    this.clients.delete(id);
    await this.secrets.delete(secretKey(id));
    this.clients.delete(id);
  }

  private require(id: string): Connection {
    const connection = this.get(id);
    if (connection === undefined) throw new Error(`There is no connection with the id “${id}”.`);
    return connection;
  }

  /** A reload no caller waits for: a failure (e.g. of the secret storage) goes to the log. */
  private reloadInBackground(): void {
    this.reload().catch((error: unknown) => this.logReloadFailure(error));
  }

  private logReloadFailure(error: unknown): void {
    this.log.error(`Could not reload the connections: ${messageOf(error)}`);
  }

  private async reload(): Promise<void> {
    this.clients.clear();
    const { connections, skipped } = readConnections();
    const skippedLines = skipped.map(
      (entry) => `${CONNECTIONS_SETTING}${entry.index < 0 ? '' : `[${entry.index}]`} was skipped: ${entry.reason}`,
    );
    // Said once per change of the setting, not again on every key change.
    if (skippedLines.join('\n') !== this.skippedLines.join('\n')) for (const line of skippedLines) this.log.warn(line);
    this.skippedLines = skippedLines;
    this.connections = connections;
    for (const connection of connections) {
      const key = await this.secrets.get(secretKey(connection.id));
      if (key !== undefined) this.knownKeys.add(key);
    }
    this.changed.fire();
  }
}
