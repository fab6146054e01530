/**
 * The provider for a connection. One place decides, so a third provider is one new file and one line here.
 * OpenAI, Azure OpenAI and compatible servers all speak the openai SDK's surface; the kind sets capabilities and
 * Azure's extra fields.
 */

import type OpenAI from 'openai';
import type { Connection } from '../connections/connection';
import { OpenAIProvider, type OpenAIProviderOptions } from './openaiProvider';
import type { FineTuneProvider } from './provider';

/** `client` is the connection's own (ConnectionRegistry.clientFor or createClient). */
export function createProvider(
  connection: Connection,
  client: OpenAI,
  options: Omit<OpenAIProviderOptions, 'kind'> = {},
): FineTuneProvider {
  return new OpenAIProvider(client, { ...options, kind: connection.kind });
}
