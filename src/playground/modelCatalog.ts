import type OpenAI from 'openai';
import { describeError, listModels, requestUrl, type Connection } from '../core/connections';
import { shutdownText, todayUtc } from '../core/jobs/modelLifecycle';
import type { ConnectionModels } from '../protocol/playground';
import { orderModels } from './modelOrder';

/** What the catalog needs of the connection registry (the real one, or a fake in unit tests). */
export interface ModelSource {
  list(): readonly Connection[];
  clientFor(id: string): Promise<OpenAI>;
  /** The connection's models whose replies are fetched whole (they change without a new listing). */
  nonStreaming(id: string): readonly string[];
}

type Listed = Omit<ConnectionModels, 'nonStreaming' | 'shutdowns'>;

/** Shutdown dates of OpenAI's and Azure's models (other servers' ids only look alike). Computed per listing: "in N days". */
function shutdowns(connection: Connection, models: readonly string[]): Record<string, string> {
  if (connection.kind === 'compatible') return {};
  const today = todayUtc();
  const notes: Record<string, string> = {};
  for (const model of models) {
    const text = shutdownText(model, today, connection.kind);
    if (text !== undefined) notes[model] = text;
  }
  return notes;
}

/**
 * The models of every connection for the picker, listed through each connection's own client. Cached per connection
 * (listing can be slow and the picker asks often); `clear()` when the registry changes, `refresh` to list again.
 * A connection that cannot be listed still appears, with the error, so the user can type a model by hand.
 */
export class ModelCatalog {
  private readonly cache = new Map<string, Promise<Listed>>();

  constructor(private readonly source: ModelSource) {}

  async all(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<ConnectionModels[]> {
    if (options.refresh) this.clear();
    const connections = this.source.list();
    const listed = await Promise.all(connections.map((connection) => this.modelsOf(connection, options.signal)));
    return listed.map((entry, index) => ({
      ...entry,
      nonStreaming: [...this.source.nonStreaming(entry.connectionId)],
      shutdowns: shutdowns(connections[index]!, entry.models),
    }));
  }

  clear(): void {
    this.cache.clear();
  }

  private modelsOf(connection: Connection, signal: AbortSignal | undefined): Promise<Listed> {
    const key = `${connection.id}\n${connection.baseUrl}`;
    let entry = this.cache.get(key);
    if (entry === undefined) {
      entry = this.list(connection, signal);
      this.cache.set(key, entry);
      // A failed or cancelled listing is not kept: the next ask tries again.
      void entry.then((result) => {
        if (result.error !== undefined && this.cache.get(key) === entry) this.cache.delete(key);
      });
    }
    return entry;
  }

  private async list(connection: Connection, signal: AbortSignal | undefined): Promise<Listed> {
    const base = { connectionId: connection.id, connectionName: connection.name };
    let client: OpenAI | undefined;
    try {
      client = await this.source.clientFor(connection.id);
      const models = await listModels(client, signal ? { signal } : {});
      return { ...base, models: orderModels(models.map((model) => model.id)) };
    } catch (error) {
      const url = client ? requestUrl(client, 'models') : connection.baseUrl;
      return { ...base, models: [], error: describeError(error, { url, secrets: client ? [client.apiKey] : [] }) };
    }
  }
}
