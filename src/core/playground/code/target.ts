/**
 * Where a request shown as code goes and how it authenticates, derived from the connection by the same rules as
 * createClient, so the code talks to exactly the URL the extension does: OpenAI and compatible servers at their
 * base URL, Azure's v1 API at `<endpoint>/openai/v1` through the OpenAI client, and a dated Azure API version
 * through AzureOpenAI, whose deployment is the model.
 */

import { azureV1BaseUrl, endpointUrl, normalizeBaseUrl } from '../../connections/baseUrl';
import { findPreset, type Connection } from '../../connections/connection';
import type { ReplyRequest } from '../../connections/streamReply';

export type RequestTarget = {
  /** For the comment at the top: the connection's name and what kind of server it is. */
  description: string;
  /** The full URL of the request, as the SDK builds it (curl needs it). */
  url: string;
  key: ApiKeySource;
  /** OpenAI only: the `OpenAI-Organization` and `OpenAI-Project` headers. */
  organization?: string;
  project?: string;
} & (
  | { client: 'OpenAI'; baseUrl: string }
  /** AzureOpenAI: `baseUrl` is `<endpoint>/openai`, the URL the SDK derives from the endpoint. */
  | { client: 'AzureOpenAI'; endpoint: string; baseUrl: string; apiVersion: string }
);

export interface ApiKeySource {
  /** The environment variable the code reads the key from. */
  variable: string;
  /** Compatible servers may need no key; the code then sends a placeholder, as the SDKs insist on one. */
  required: boolean;
  /** `authorization` (`Bearer <key>`) or Azure's `api-key`. */
  header: 'authorization' | 'api-key';
  /** Says what to set, for the comment at the top. */
  hint: string;
}

/** What the code sends when a compatible server's key variable is not set (servers like Ollama ignore it). */
export const NO_KEY_PLACEHOLDER = 'no-key';

/** Throws, with a message naming the connection, when its base URL or headers cannot be sent. */
export function requestTarget(connection: Connection, mode: ReplyRequest['mode'], model: string): RequestTarget {
  const normalized = normalizeBaseUrl(connection.baseUrl, connection.kind);
  if (!normalized.ok) throw new Error(`Connection “${connection.name}”: ${normalized.message}`);
  const path = mode === 'chat' ? 'chat/completions' : 'completions';
  const key = apiKeySource(connection);
  const apiVersion = connection.azure?.apiVersion;
  if (connection.kind === 'azure' && apiVersion !== undefined) {
    const baseUrl = `${normalized.url}/openai`;
    // A lone surrogate cannot be percent-encoded: U+FFFD, as the URL parser (and so the SDK) writes it.
    const deployment = encodeURIComponent(model.replace(/\p{Cs}/gu, '\ufffd'));
    const url = new URL(`${baseUrl}/deployments/${deployment}/${path}`);
    url.searchParams.set('api-version', apiVersion);
    return {
      client: 'AzureOpenAI',
      endpoint: normalized.url,
      baseUrl,
      apiVersion,
      url: url.href,
      key,
      description: describe(connection, `Azure OpenAI, API version ${apiVersion}`),
    };
  }
  const baseUrl = connection.kind === 'azure' ? azureV1BaseUrl(normalized.url) : normalized.url;
  const target: RequestTarget = {
    client: 'OpenAI',
    baseUrl,
    url: endpointUrl(baseUrl, path),
    key,
    description: describe(connection, kindLabel(connection)),
  };
  if (connection.kind === 'openai') {
    if (connection.organization !== undefined) target.organization = headerValue(connection, connection.organization);
    if (connection.project !== undefined) target.project = headerValue(connection, connection.project);
  }
  return target;
}

/**
 * The environment variable a connection's key is read from: the SDKs' own names for OpenAI and Azure, and for a
 * compatible server one named after the connection (`Groq` → `GROQ_API_KEY`), so code for another server never
 * picks up, and sends there, an OpenAI or Azure key that happens to be set.
 */
export function apiKeyVariable(connection: Pick<Connection, 'kind' | 'name' | 'preset'>): string {
  if (connection.kind === 'openai') return OPENAI_KEY;
  if (connection.kind === 'azure') return AZURE_KEY;
  const stem = variableStem(connection.name) || variableStem(connection.preset ?? '') || 'OPENAI_COMPATIBLE';
  const variable = `${stem}_API_KEY`;
  return variable === OPENAI_KEY || variable === AZURE_KEY ? 'OPENAI_COMPATIBLE_API_KEY' : variable;
}

const OPENAI_KEY = 'OPENAI_API_KEY';
const AZURE_KEY = 'AZURE_OPENAI_API_KEY';
/** Long names are cut: a variable name is typed by hand. */
const MAX_STEM_LENGTH = 32;

function apiKeySource(connection: Connection): ApiKeySource {
  const variable = apiKeyVariable(connection);
  switch (connection.kind) {
    case 'openai':
      return { variable, required: true, header: 'authorization', hint: `Set ${variable} to your API key first` };
    case 'azure':
      // The v1 API takes the key as a bearer token (the OpenAI client's way); dated versions take `api-key`.
      return {
        variable,
        required: true,
        header: connection.azure?.apiVersion === undefined ? 'authorization' : 'api-key',
        hint: `Set ${variable} to the resource’s key first`,
      };
    case 'compatible':
      return {
        variable,
        required: false,
        header: 'authorization',
        hint: `Set ${variable} if the server needs a key (many local servers need none)`,
      };
  }
}

/** `GROQ` from `Groq API key`; `CAFE` from `Café`; empty when nothing of the name is a letter or digit. */
function variableStem(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
  while (words.length > 0 && ['API', 'KEY'].includes(words[words.length - 1] ?? '')) words.pop();
  const stem = words.join('_').slice(0, MAX_STEM_LENGTH).replace(/_+$/, '');
  // A variable name cannot start with a digit.
  return /^[0-9]/.test(stem) ? `SERVER_${stem}` : stem;
}

function kindLabel(connection: Connection): string {
  if (connection.kind === 'openai') return 'OpenAI';
  if (connection.kind === 'azure') return 'Azure OpenAI, v1 API';
  const preset = connection.preset === undefined ? undefined : findPreset(connection.preset);
  return preset === undefined ? 'OpenAI-compatible server' : `${preset.label}, OpenAI-compatible`;
}

function describe(connection: Connection, kind: string): string {
  return `“${connection.name}” (${kind})`;
}

/**
 * OpenAI's organization and project ids are printable ASCII. Anything else could not be sent in a header as the
 * extension sends it (line breaks, controls), or would show differently from what curl sends (invisible characters).
 */
function headerValue(connection: Connection, value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value))
    throw new Error(
      `Connection “${connection.name}”: the organization or project may hold only printable ASCII characters; edit the connection.`,
    );
  return value;
}
