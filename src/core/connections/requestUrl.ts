/**
 * The exact URL a request goes to, for messages that name it: built by the client itself (`buildURL`), so it has
 * Azure's `api-version` query, and with the `/deployments/<model>` segment the AzureOpenAI client adds to
 * generation requests.
 */

import type OpenAI from 'openai';
import { AzureOpenAI } from 'openai';

export type RequestPath = 'models' | 'chat/completions' | 'completions';

export function requestUrl(client: OpenAI, path: RequestPath, model?: string): string {
  const deployment =
    client instanceof AzureOpenAI && path !== 'models' && model !== undefined
      ? `/deployments/${client.deploymentName ?? model}`
      : '';
  return client.buildURL(`${deployment}/${path}`, undefined);
}
