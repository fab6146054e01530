/**
 * The openai SDK client factory. Every request to a server goes through a client made here, so these rules hold
 * everywhere:
 * - Everything comes from the connection and its credentials, never from the environment: the SDK would otherwise
 *   read OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID… and could send a key from the environment to a
 *   connection's server. A key is only ever given to the client for its own connection's URL.
 * - No custom fetch, agent or dispatcher: VS Code patches the global fetch for its proxy settings.
 * - The SDK's own retries (2) and a timeout; a 429 `insufficient_quota` is never retried (see quotaAwareRetry.ts).
 * - The SDK's log goes only to the caller's `log`, with keys redacted; OPENAI_LOG and the console are not used.
 */

import OpenAI, { AzureOpenAI } from 'openai';
import type { Logger, LogLevel } from 'openai/client';
import { azureV1BaseUrl, normalizeBaseUrl } from './baseUrl';
import type { Connection } from './connection';
import { skipRetryWhenQuotaExhausted } from './quotaAwareRetry';
import { redactSecrets } from './redactSecrets';

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
  /**
   * Where the SDK's own log lines (retries, statuses) go, already passed through `redactSecrets` with the
   * connection's key; e.g. the VS Code side's LogOutputChannel. Absent: the SDK logs nothing (never the console).
   */
  log?: ClientLog;
  /** Default 'info' when `log` is given. */
  logLevel?: Exclude<LogLevel, 'off'>;
}

export type ClientLog = (level: Exclude<LogLevel, 'off'>, message: string) => void;

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
    logLevel: options.log === undefined ? ('off' as const) : (options.logLevel ?? 'info'),
    logger: redactingLogger(options.log, [credentials.apiKey]),
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
      defaultHeaders: connectionHeadersOnly(
        credentials.token !== undefined
          ? { name: 'authorization', perRequestToken: true }
          : { name: 'api-key', value: credentials.apiKey ?? null },
      ),
    });
  }
  const key = credentials.token ?? credentials.apiKey;
  return new StudioOpenAI({
    ...common,
    baseURL: connection.kind === 'azure' ? azureV1BaseUrl(normalized.url) : normalized.url,
    apiKey: key ?? NO_KEY,
    organization: connection.kind === 'openai' ? (connection.organization ?? null) : null,
    project: connection.kind === 'openai' ? (connection.project ?? null) : null,
    defaultHeaders: connectionHeadersOnly(
      credentials.token !== undefined
        ? { name: 'authorization', perRequestToken: true }
        : { name: 'authorization', value: credentials.apiKey === undefined ? null : `Bearer ${credentials.apiKey}` },
    ),
  });
}

/** The header that authenticates a connection: its fixed value, none (null), or a token fetched per request. */
type AuthHeader =
  { name: 'authorization' | 'api-key'; value: string | null } | { name: 'authorization'; perRequestToken: true };

/**
 * Default headers that keep a connection's requests to what the connection says. The SDK adds the headers listed
 * in OPENAI_CUSTOM_HEADERS to every request, whatever its host, after its own auth header: each is removed (null),
 * except that an auth header there is replaced by the connection's own. A token fetched per request cannot be
 * written here, so that combination is refused.
 */
function connectionHeadersOnly(auth: AuthHeader): Record<string, string | null> {
  const headers: Record<string, string | null> = {};
  // No key: the SDK's placeholder must not be sent.
  if ('value' in auth && auth.value === null) headers[auth.name] = null;
  for (const line of (process.env.OPENAI_CUSTOM_HEADERS ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (name.toLowerCase() !== auth.name) {
      headers[name] = null;
    } else if (!('value' in auth)) {
      throw new Error(
        `The OPENAI_CUSTOM_HEADERS environment variable sets ${name}, which would replace the sign-in token: remove it.`,
      );
    } else {
      headers[name] = auth.value;
    }
  }
  return headers;
}

/** An SDK logger that formats each line, removes keys, and hands it to `log`; none when there is no `log`. */
function redactingLogger(log: ClientLog | undefined, secrets: readonly (string | undefined)[]): Logger | undefined {
  if (log === undefined) return undefined;
  const write =
    (level: Exclude<LogLevel, 'off'>) =>
    (message: string, ...rest: unknown[]) =>
      log(level, redactSecrets([message, ...rest.map(formatLogValue)].join(' '), secrets));
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

function formatLogValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
