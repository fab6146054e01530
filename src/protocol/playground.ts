/** Messages of the chat playground and their run-time checks. Both the extension host and the webview import this file. */

import type { WebviewProtocol } from './checkMessage';
import {
  arrayOf,
  isFiniteNumber,
  isIndex,
  isString,
  literal,
  object,
  optional,
  type Guard,
  type Guarded,
} from './guards';
import { openLinkGuards, type OpenLinkRequests } from './webUrl';

/** The most columns the playground compares at once. */
export const MAX_COLUMNS = 4;
/** Limits on what the webview may send, so a broken or hostile page cannot make the host build huge requests. */
const MAX_TURNS = 1000;
const MAX_STOP_SEQUENCES = 4;

/** The models one connection offers, or why they could not be listed. */
export interface ConnectionModels {
  connectionId: string;
  connectionName: string;
  /** Fine-tuned (`ft:`) ids first, then the rest, each group sorted. */
  models: string[];
  /** describeError's message (never a key) when listing failed. */
  error?: string;
}

const isTurn = object({ role: literal('user', 'assistant'), content: isString });

/** Sampling settings as the webview sends them; a missing field is not sent to the server. */
const isSamplingParameters = object({
  temperature: optional(isFiniteNumber),
  topP: optional(isFiniteNumber),
  maxTokens: optional(isIndex),
  stop: optional(arrayOf(isString, MAX_STOP_SEQUENCES)),
  seed: optional(isIndex),
  presencePenalty: optional(isFiniteNumber),
  frequencyPenalty: optional(isFiniteNumber),
});

const isChatParams: Guard<ChatParams> = object({
  connectionId: isString,
  model: isString,
  systemPrompt: isString,
  turns: arrayOf(isTurn, MAX_TURNS),
  parameters: isSamplingParameters,
});

export type PlaygroundTurn = Guarded<typeof isTurn>;
/** Sampling settings; a missing (or undefined) one is left out of the request and the server's default applies. */
export type PlaygroundParameters = Partial<Guarded<typeof isSamplingParameters>>;

/** One column's request: the connection and model, and the running conversation ending with the new user message. */
export interface ChatParams {
  connectionId: string;
  model: string;
  systemPrompt: string;
  turns: PlaygroundTurn[];
  parameters: PlaygroundParameters;
}

/** What a reply streams while it runs. */
export type ReplyChunk =
  | { type: 'delta'; text: string }
  | { type: 'usage'; promptTokens: number; completionTokens: number; totalTokens: number }
  /** Something the user should know that does not end the reply (e.g. a parameter the server rejected was dropped). */
  | { type: 'notice'; text: string };

/** How a reply ended: `done` (finishReason undefined = incomplete), `stalled` (no chunk for a while), `aborted`. */
export type ReplyEnd =
  { ended: 'done'; finishReason?: string } | { ended: 'stalled'; afterMs: number } | { ended: 'aborted' };

/** Requests the playground webview makes. */
export type PlaygroundRequests = OpenLinkRequests & {
  /** The models of every connection (cached per connection; `refresh` lists them again). */
  listModels: { params: { refresh?: boolean }; result: ConnectionModels[] };
  /** Streams one reply; fails with a key-free message the webview shows inline. Cancel it to stop. */
  chat: { params: ChatParams; result: ReplyEnd; chunk: ReplyChunk };
};

/** Events the host sends to the playground webview. */
export type PlaygroundHostEvents = {
  /** The connections (or their keys) changed: list the models again. */
  connectionsChanged: null;
};

/** The playground webview sends no events besides requests. */
export type PlaygroundWebviewEvents = Record<never, never>;

const isListModelsParams: Guard<{ refresh?: boolean }> = object({ refresh: optional(literal(true, false)) });

/** The run-time check of everything the playground webview may send. */
export const playgroundProtocol: WebviewProtocol<PlaygroundRequests, PlaygroundWebviewEvents> = {
  requests: {
    ...openLinkGuards,
    listModels: isListModelsParams,
    chat: isChatParams,
  },
  events: {},
};
