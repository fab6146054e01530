/**
 * Base URL normalising: one rule set for every place that turns what a user typed into the URL the SDK is given.
 *
 * The rules, in order:
 * 1. Whitespace around the text is dropped; an empty text means the kind's default (OpenAI's public API), or an
 *    error for kinds without one.
 * 2. Only http(s) URLs are accepted. User names and passwords in the URL, queries and fragments are refused:
 *    a key belongs in SecretStorage, and the SDK builds the query itself.
 * 3. Trailing slashes and an endpoint pasted by mistake (`/chat/completions`, `/completions`, `/models`,
 *    `/embeddings`, `/responses`) are trimmed.
 * 4. OpenAI and OpenAI-compatible servers: a URL with no path gets `/v1` (`http://localhost:11434` →
 *    `http://localhost:11434/v1`). A URL that has a path is kept as it is, with or without `/v1`
 *    (`https://host/api` stays `https://host/api`): servers mounted under a prefix choose their own layout
 *    (`https://api.groq.com/openai/v1`, `https://generativelanguage.googleapis.com/v1beta/openai`), so guessing
 *    would break them. When such a server answers 404, the error message suggests adding `/v1`.
 * 5. Azure OpenAI: the resource endpoint is kept — scheme, host and any path before `/openai` — and the v1 API
 *    lives at `<endpoint>/openai/v1` (see {@link azureV1BaseUrl}). A pasted `…/openai/deployments/x/chat/completions`
 *    URL is trimmed to its endpoint.
 */

import type { ConnectionKind } from './connection';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Endpoint paths people paste by mistake, longest first so `/chat/completions` wins over `/completions`. */
const ENDPOINT_SUFFIXES = ['/chat/completions', '/completions', '/models', '/embeddings', '/responses'];

export type NormalizedUrl = { ok: true; url: string } | { ok: false; message: string };

/** Normalises a base URL (OpenAI, compatible) or a resource endpoint (Azure) by the rules above. */
export function normalizeBaseUrl(input: string, kind: ConnectionKind): NormalizedUrl {
  const text = input.trim();
  if (text === '') {
    if (kind === 'openai') return { ok: true, url: OPENAI_BASE_URL };
    return {
      ok: false,
      message:
        kind === 'azure'
          ? 'Enter the Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com.'
          : 'Enter the server’s base URL, e.g. http://localhost:11434/v1.',
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, message: `“${text}” is not a URL: it must start with http:// or https://.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `The URL must start with http:// or https:// (it starts with ${parsed.protocol}//).` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return {
      ok: false,
      message: 'The URL must not contain a user name or password: set the key with “Fine-Tune: Set API Key…” instead.',
    };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, message: 'The URL must not have a query (?…) or fragment (#…): enter the base URL only.' };
  }
  let path = trimSlashes(parsed.pathname);
  // Repeated until none is left, so a normalised URL normalises to itself (`…/completions/chat/completions`).
  for (let suffix = findSuffix(path); suffix !== undefined; suffix = findSuffix(path))
    path = trimSlashes(path.slice(0, -suffix.length));

  if (kind === 'azure') {
    const openai = /\/openai(\/|$)/i.exec(path);
    if (openai !== null) path = path.slice(0, openai.index);
    return { ok: true, url: parsed.origin + path };
  }
  return { ok: true, url: parsed.origin + (path === '' ? '/v1' : path) };
}

/** The base URL of Azure OpenAI's v1 API for a normalised resource endpoint. */
export function azureV1BaseUrl(endpoint: string): string {
  return `${endpoint}/openai/v1`;
}

/** The exact URL a request to `path` (e.g. `chat/completions`) goes to, the way the SDK joins them. */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function findSuffix(path: string): string | undefined {
  return ENDPOINT_SUFFIXES.find((candidate) => path.toLowerCase().endsWith(candidate));
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}
