/** Listing a server's models, and "Test connection", which is exactly that with a clear answer either way. */

import type OpenAI from 'openai';
import type { Model } from 'openai/resources/models';
import type { Connection } from './connection';
import { createClient, type ClientOptions, type Credentials } from './createClient';
import { describeError, errorStatus } from './describeError';
import { requestUrl } from './requestUrl';

/** Every model the server lists, following the SDK's pagination, sorted by id. */
export async function listModels(client: OpenAI, options: { signal?: AbortSignal } = {}): Promise<Model[]> {
  const models: Model[] = [];
  for await (const model of client.models.list(options.signal ? { signal: options.signal } : undefined))
    models.push(model);
  return models.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type ConnectionTestResult =
  { ok: true; url: string; models: Model[] } | { ok: false; url: string; status?: number; message: string };

/** Lists the models; on failure names the exact URL tried, the status and what to do, without the key. */
export async function testConnection(
  connection: Connection,
  credentials: Credentials,
  options: ClientOptions & { signal?: AbortSignal } = {},
): Promise<ConnectionTestResult> {
  let client: OpenAI;
  try {
    client = createClient(connection, credentials, options);
  } catch (error) {
    return {
      ok: false,
      url: connection.baseUrl,
      message: describeError(error, { url: connection.baseUrl, secrets: [credentials.apiKey] }),
    };
  }
  const url = requestUrl(client, 'models');
  try {
    return { ok: true, url, models: await listModels(client, options) };
  } catch (error) {
    const status = errorStatus(error);
    const message = describeError(error, { url, secrets: [credentials.apiKey, client.apiKey] });
    return status === undefined ? { ok: false, url, message } : { ok: false, url, status, message };
  }
}
