import type OpenAI from 'openai';
import {
  buildChatRequest,
  buildCompletionRequest,
  omitParameters,
  streamReply,
  type Connection,
  type ReplyEvent,
  type ReplyOptions,
  type ReplyRequest,
  type ServerQuirks,
} from '../core/connections';
import type { RequestHandlers } from '../panels/webviewHost';
import type {
  ChatParams,
  PlaygroundRequests,
  ReplyChunk,
  ReplyEnd,
  SaveExampleParams,
  SaveExampleResult,
} from '../protocol/playground';
import { openWebLink, type LinkOpener } from '../panels/openWebLink';
import { DeltaBatcher } from './deltaBatcher';
import type { ModelCatalog } from './modelCatalog';

/** What the handlers need of the connection registry (the real one, or fakes in tests). */
export interface ChatBackend {
  clientFor(id: string): Promise<OpenAI>;
  /** The connection's live quirks object, which streamReply updates. */
  quirksFor(id: string): ServerQuirks;
  /** Persists the connection's quirks after the server rejected a parameter. */
  saveQuirks(id: string): Promise<void>;
  /** The per-model streaming switch, persisted with the connection's quirks. */
  setStreaming(id: string, model: string, streaming: boolean): Promise<void>;
  /** The connection itself (its kind and URL), for View code; undefined when it no longer exists. */
  connection(id: string): Connection | undefined;
}

/** Appends a saved reply or preference pair to a dataset file the user picks. */
export interface ExampleSaver {
  save(params: SaveExampleParams, signal: AbortSignal): Promise<SaveExampleResult>;
}

/** Shows a request as code in an editor. */
export type CodeViewer = (input: { request: ReplyRequest; connection: Connection }) => Promise<void>;

export interface PlaygroundHandlerOptions {
  readonly backend: ChatBackend;
  readonly catalog: ModelCatalog;
  readonly links: LinkOpener;
  readonly examples: ExampleSaver;
  readonly viewCode: CodeViewer;
  /** How long a stream may go without a chunk before it ends with a notice; streamReply's default when not set. */
  readonly stallTimeoutMs?: number;
  /** How often joined text chunks go to the webview (DeltaBatcher); DELTA_INTERVAL_MS when not set. */
  readonly deltaIntervalMs?: number;
}

/**
 * The host's side of the playground's requests. Pure of `vscode` (the panel passes the registry and VS Code's link
 * opener), so tests drive it directly. A failing reply throws ReplyError, whose message is describeError's (exact
 * URL, never a key); the WebviewHost sends that message to the webview.
 */
export function playgroundHandlers(options: PlaygroundHandlerOptions): RequestHandlers<PlaygroundRequests> {
  return {
    listModels: ({ refresh }, { signal }) => options.catalog.all({ refresh: refresh === true, signal }),
    chat: (params, { signal, stream }) => runChat(params, signal, stream, options),
    openLink: ({ url }) => openWebLink(url, options.links),
    saveExample: (params, { signal }) => options.examples.save(params, signal),
    viewCode: async (params) => {
      const connection = options.backend.connection(params.connectionId);
      if (!connection) throw new Error('That connection no longer exists: pick another one.');
      // The code sends what the extension sends: without the parameters this server rejected before.
      const request = replyRequest(params);
      const omitted = options.backend.quirksFor(params.connectionId).omittedParameters;
      const shown = { mode: request.mode, params: omitParameters(request.params, omitted) } as ReplyRequest;
      await options.viewCode({ request: shown, connection });
      return null;
    },
    setStreaming: async ({ connectionId, model, streaming }) => {
      await options.backend.setStreaming(connectionId, model, streaming);
      return null;
    },
  };
}

/** The request a column's settings make: chat completions, or in completion mode the chat rebuilt into a prompt. */
export function replyRequest(params: ChatParams): ReplyRequest {
  if (params.completion)
    return {
      mode: 'completion',
      params: buildCompletionRequest({
        model: params.model,
        template: params.completion.template,
        turns: params.turns,
        parameters: params.parameters,
      }),
    };
  return {
    mode: 'chat',
    params: buildChatRequest({
      model: params.model,
      systemPrompt: params.systemPrompt,
      turns: params.turns,
      parameters: params.parameters,
    }),
  };
}

async function runChat(
  params: ChatParams,
  signal: AbortSignal,
  stream: (chunk: ReplyChunk) => void,
  options: PlaygroundHandlerOptions,
): Promise<ReplyEnd> {
  const client = await options.backend.clientFor(params.connectionId);
  const request = replyRequest(params);
  const replyOptions: ReplyOptions = { signal, quirks: options.backend.quirksFor(params.connectionId) };
  if (options.stallTimeoutMs !== undefined) replyOptions.stallTimeoutMs = options.stallTimeoutMs;
  const text = new DeltaBatcher((delta) => stream({ type: 'delta', text: delta }), options.deltaIntervalMs);
  try {
    for await (const event of streamReply(client, request, replyOptions)) {
      if (event.type === 'delta') {
        text.push(event.text);
        continue;
      }
      text.flush();
      const end = await forward(event, params.connectionId, stream, options.backend);
      if (end) return end;
    }
  } finally {
    // Text that arrived before an error or an abort is still shown.
    text.flush();
  }
  // streamReply always ends with done, stalled or aborted; a generator that stopped early is an incomplete reply.
  return { ended: 'done' };
}

async function forward(
  event: ReplyEvent,
  connectionId: string,
  stream: (chunk: ReplyChunk) => void,
  backend: ChatBackend,
): Promise<ReplyEnd | undefined> {
  switch (event.type) {
    case 'delta': // joined by the DeltaBatcher before this
    case 'usage':
      stream(event);
      return undefined;
    case 'parameterDropped':
      await backend.saveQuirks(connectionId);
      stream({ type: 'notice', text: `The server rejected “${event.parameter}”; it was left out.` });
      return undefined;
    case 'done':
      return event.finishReason === undefined ? { ended: 'done' } : { ended: 'done', finishReason: event.finishReason };
    case 'stalled':
      return { ended: 'stalled', afterMs: event.afterMs };
    case 'aborted':
      return { ended: 'aborted' };
  }
}
