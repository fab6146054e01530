/**
 * The openai SDK client factory. Every request to a server goes through a client made here, so these rules hold
 * everywhere:
 * - Everything comes from the connection and its credentials, never from the environment: the SDK would otherwise
 *   read OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID… and could send a key from the environment to a
 *   connection's server. A key is only ever given to the client for its own connection's URL.
 * - No custom fetch, agent or dispatcher: VS Code patches the global fetch for its proxy settings.
 * - The SDK's own retries (2) and a timeout; a 429 `insufficient_quota` is never retried (see quotaAwareRetry.ts).
 */

import OpenAI, { AzureOpenAI } from 'openai';
import { azureV1BaseUrl, normalizeBaseUrl } from './baseUrl';
import type { Connection } from './connection';
import { skipRetryWhenQuotaExhausted } from './quotaAwareRetry';

export interface Credentials {
  /** An API key, from SecretStorage. */
  apiKey?: string;
  /** Keyless sign-in (e.g. Microsoft Entra for Azure): called before each request for a bearer token. */
  token?: () => Promise<string>;
}

export interface ClientOptions {
  /** Time allowed until the response headers arrive (a streamed body has its own stall timeout). */
  timeoutMs?: number;
  maxRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Used when a server needs no key: the SDK insists on one, and the `Authorization: null` header keeps it unsent. */
const NO_KEY = 'no-key';

class StudioOpenAI extends OpenAI {}
class StudioAzureOpenAI extends AzureOpenAI {}
skipRetryWhenQuotaExhausted(StudioOpenAI.prototype);
skipRetryWhenQuotaExhausted(StudioAzureOpenAI.prototype);

/** Makes the SDK client for a connection. Throws when the connection's base URL is not valid. */
export function createClient(connection: Connection, credentials: Credentials, options: ClientOptions = {}): OpenAI {
  const normalized = normalizeBaseUrl(connection.baseUrl, connection.kind);
  if (!normalized.ok) throw new Error(`Connection “${connection.name}”: ${normalized.message}`);
  const common = {
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    adminAPIKey: null,
    webhookSecret: null,
  };
  const apiVersion = connection.azure?.apiVersion;
  if (connection.kind === 'azure' && apiVersion !== undefined) {
    return new StudioAzureOpenAI({
      ...common,
      // The same URL AzureOpenAI derives from `endpoint`, given as baseURL so OPENAI_BASE_URL is never read.
      baseURL: `${normalized.url}/openai`,
      apiVersion,
      organization: null,
      project: null,
      // An empty key (not undefined) keeps AZURE_OPENAI_API_KEY from being read next to the token provider.
      ...(credentials.token !== undefined
        ? { azureADTokenProvider: credentials.token, apiKey: '' }
        : { apiKey: credentials.apiKey ?? NO_KEY }),
      ...(credentials.token === undefined && credentials.apiKey === undefined
        ? { defaultHeaders: { 'api-key': null } }
        : {}),
    });
  }
  const key = credentials.token ?? credentials.apiKey;
  return new StudioOpenAI({
    ...common,
    baseURL: connection.kind === 'azure' ? azureV1BaseUrl(normalized.url) : normalized.url,
    apiKey: key ?? NO_KEY,
    organization: connection.kind === 'openai' ? (connection.organization ?? null) : null,
    project: connection.kind === 'openai' ? (connection.project ?? null) : null,
    ...(key === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
}
